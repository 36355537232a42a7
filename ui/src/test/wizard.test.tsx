import { mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { wrap } from "./render";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Startup } from "../bindings";
import { ConnectionWizard } from "../screens/Start";

const startup: Startup = { configured: false, database: null, needs_setup: false, error: null, default_sqlite_path: "/tmp/school.db", language: "en" };

describe("connection wizard", () => {
  it("sends the server's encryption choice and the school's CA file", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    wrap(<ConnectionWizard startup={startup} onConnected={() => {}} />, "en");
    await userEvent.click(screen.getByTestId("mode-school_server"));
    await userEvent.type(screen.getByTestId("server-host"), "sekolah.lan");
    await userEvent.type(screen.getByTestId("server-user"), "office");
    expect(screen.queryByTestId("server-ca_file")).toBeNull();
    fireEvent.change(screen.getByTestId("server-tls"), { target: { value: "verify_full" } });
    await userEvent.type(await screen.findByTestId("server-ca_file"), "/etc/ssl/school-ca.crt");
    await userEvent.click(screen.getByTestId("wizard-test"));
    expect(calls).toContainEqual([
      "connection_test",
      {
        connection: expect.objectContaining({ type: "school_server", host: "sekolah.lan", tls: "verify_full", ca_file: "/etc/ssl/school-ca.crt" }),
      },
    ]);
  });

  it("says when there is no database yet: testing creates nothing, saving does", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "connection_test") return "no_database_yet";
      if (cmd === "connection_save") return { ...startup, configured: true, database: "sqlite:/tmp/school.db", needs_setup: true };
      return null;
    });
    const onConnected = vi.fn();
    wrap(<ConnectionWizard startup={startup} onConnected={onConnected} />, "en");
    await userEvent.click(screen.getByTestId("wizard-test"));
    expect(await screen.findByTestId("wizard-test-result")).toHaveTextContent(/no database at this place yet/);
    await userEvent.click(screen.getByTestId("wizard-connect"));
    await waitFor(() => expect(onConnected).toHaveBeenCalledWith(expect.objectContaining({ needs_setup: true })));
    expect(calls).toEqual(["connection_test", "connection_save"]);
  });
});
