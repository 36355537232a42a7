// A homeroom teacher's view of fees (issue 17): whether each student of
// their own class is in arrears, a yes or no and the amount, when the
// school turned it on (the administrator's fee settings). The app decides:
// it answers nothing while the setting is off, and refuses another class's
// teacher; this panel then shows nothing at all.
import { useQuery } from "@tanstack/react-query";
import { commands } from "../bindings";
import { useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { formatRupiah } from "../money";

export function ClassArrears({ classId }: { classId: string }) {
  const { t } = useI18n();
  const rows = useQuery({ queryKey: queryKeys.feeClassArrears(classId), queryFn: () => commands.fee_class_arrears(classId), retry: false });
  if (!rows.data) return null;
  const owing = rows.data.filter((r) => r.in_arrears);
  return (
    <section className="panel" data-testid="class-arrears">
      <h3>{t("fee_class_arrears_title")}</h3>
      <p className="muted small">{t("fee_class_arrears_hint")}</p>
      {owing.length ? null : <p data-testid="class-arrears-none">{t("fee_class_arrears_none")}</p>}
      <table className="fee-table">
        <tbody>
          {rows.data.map((r) => (
            <tr key={r.student_id} data-testid="class-arrears-row">
              <td>{r.name}</td>
              <td>{r.in_arrears ? t("fee_class_arrears_yes") : t("fee_class_arrears_no")}</td>
              <td className="num">{r.in_arrears ? formatRupiah(r.owed) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
