import { mockIPC } from "@tauri-apps/api/mocks";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { DashboardScreen } from "../App";
import type { Dashboard, Rec } from "../bindings";
import { RecordScreen } from "../components/RecordScreen";
import { recentItems, setLocalUser } from "../local";
import { wrap } from "./render";

type Room = { name: string; capacity: number };

const rooms: Rec<Room>[] = [
  { id: "r1", version: 1, updated_at: "2026-11-01T00:00:00Z", data: { name: "Lab IPA", capacity: 36 } },
  { id: "r2", version: 3, updated_at: "2026-11-02T00:00:00Z", data: { name: "Ruang 7A", capacity: 32 } },
];


function roomsScreen(restore: { key: string } | null) {
  return (
    <RecordScreen<Room>
      id="rooms"
      title="Rooms"
      newTitle="New room"
      queryKey={["rooms"]}
      list={async () => rooms}
      update={async () => null}
      blank={() => ({ name: "", capacity: 0 })}
      fields={[{ name: "name", label: "name" as never }]}
      columns={[{ key: "name", label: "Name", value: (r) => r.data.name }]}
      describe={(d) => d.name}
      restore={restore ? { key: restore.key, title: "", data: undefined, saved_at: "" } : null}
    />
  );
}

describe("recent items", () => {
  it("opening a record notes it for its user only, and a deleted one says so", async () => {
    setLocalUser("bu.rina");
    wrap(roomsScreen({ key: "rooms:r2" }));
    expect(await screen.findByTestId("form-rooms")).toHaveTextContent("Ruang 7A");
    const mine = await recentItems();
    expect(mine.map((r) => [r.key, r.title])).toEqual([["rooms:r2", "Ruang 7A"]]);
    setLocalUser("pak.budi");
    expect(await recentItems()).toEqual([]);
  });

  it("a recent record that no longer exists gives a plain message, not an empty form", async () => {
    setLocalUser("bu.rina");
    wrap(roomsScreen({ key: "rooms:gone" }), "id");
    expect(await screen.findByText("Data itu sudah tidak ada; mungkin sudah dihapus.")).toBeTruthy();
    expect(screen.queryByTestId("form-rooms")).toBeNull();
  });

  it("the dashboard lists them, newest first, and opens one on click", async () => {
    const dashboard: Dashboard = { school_name: "SMP Negeri 1 Contoh", year: null, term: null, counts: [], classes: [], students: [], today: "2026-11-21" };
    mockIPC((cmd) => (cmd === "dashboard" ? dashboard : null));
    setLocalUser("bu.rina");
    const first = wrap(roomsScreen({ key: "rooms:r1" }));
    await screen.findByTestId("form-rooms");
    first.unmount();
    const second = wrap(roomsScreen({ key: "rooms:r2" }));
    await screen.findByTestId("form-rooms");
    second.unmount();
    const onRestore = vi.fn();
    wrap(<DashboardScreen go={() => {}} onRestore={onRestore} />, "id");
    const list = await screen.findByTestId("recent");
    expect(screen.getByText("Baru dibuka")).toBeTruthy();
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.textContent?.split(" ")[0])).toEqual(["Ruang", "Lab"]);
    expect(items[0]).toHaveTextContent("Ruang");
    await userEvent.click(within(list).getByText("Lab IPA"));
    expect(onRestore).toHaveBeenCalledWith(expect.objectContaining({ key: "rooms:r1", data: undefined }));
  });
});
