// The fee screens (issue 17, helper "feesui"). The bursar's desk: find a
// student, read their statement, take a payment and get its receipt (a
// PDF through the print path; a reprint says COPY), void a payment or
// refund credit with a reason. The day: the cash report and its closing.
// Arrears per class. Billing a month. Parents and students read their own
// statement. Every amount is typed as rupiah and read strictly (money.ts);
// the shell and crates/app check it again and decide everything else.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { commands, type ArrearsView, type BankBookedView, type BankPreviewView, type FeeAssignment, type FeeDiscount, type FeeItem, type FeeMonthView, type FeeStatementView, type FeeStudent, type ReceiptPrinted, type SheetFormat } from "../bindings";
import { DateField } from "../components/DateField";
import { Button, Dialog, EmptyState, ErrorBanner, Field, FilePicker, SelectMenu, Spinner, TextField, useToast } from "../components/ui";
import { errorText, problemText, type Key, useI18n } from "../i18n";
import { queryKeys } from "../keys";
import { formatRupiah, parseRupiah, regroup, type AmountProblem } from "../money";
import { PanelForm, useSave } from "../components/PanelForm";
import { chooseSavePath, readUpload } from "../platform";
import { listClasses, useLookups, useWrite } from "../queries";
import { useSession } from "../session";

type Tab = "desk" | "day" | "arrears" | "bank" | "billing" | "plans";

/** The message for an amount that does not read, naming the field. */
function amountText(t: (k: Key, v?: Record<string, string | number>) => string, field: string, problem: AmountProblem, typed: string): string {
  return t(`fee_amount_${problem}` as Key, { field, value: typed });
}

/** Field problems a refusal names, by field, for the form to show under
 * each control (the banner says them all). */
function fieldProblems(error: unknown): Record<string, true> {
  const e = error as { fields?: { field: string }[] } | null;
  return Object.fromEntries((e?.fields ?? []).map((f) => [f.field, true]));
}

export function FeesScreen() {
  const { t } = useI18n();
  const session = useSession();
  const [tab, setTab] = useState<Tab>("desk");
  // Fee plans are the administrator's (policy.rs: ManageFeePlans).
  const admin = session?.roles.includes("admin") ?? false;
  const tabs: Tab[] = admin ? ["desk", "day", "arrears", "bank", "billing", "plans"] : ["desk", "day", "arrears", "bank", "billing"];
  return (
    <section className="screen" data-testid="fees">
      <header className="screen-head">
        <h1>{t("nav_fees")}</h1>
      </header>
      <div className="tt-tabs" role="tablist">
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={`btn btn-${tab === k ? "primary" : "ghost"}`} onClick={() => setTab(k)} data-testid={`fee-tab-${k}`}>
            {t(`fee_tab_${k}` as Key)}
          </button>
        ))}
      </div>
      {tab === "desk" ? <Desk /> : tab === "day" ? <DayPanel /> : tab === "arrears" ? <ArrearsPanel /> : tab === "bank" ? <BankPanel /> : tab === "billing" ? <BillingPanel /> : <PlansPanel />}
    </section>
  );
}

// ---------------------------------------------------------------- the desk

function Desk() {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState("");
  const [asked, setAsked] = useState<string | null>(null);
  const [chosen, setChosen] = useState<FeeStudent | null>(null);
  const found = useQuery({ queryKey: queryKeys.feeStudents(asked ?? ""), queryFn: () => commands.fee_students(asked ?? ""), enabled: asked !== null });
  return (
    <div className="fee-desk">
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(text.trim());
        }}
      >
        <label className="sr-only" htmlFor="fee-search">
          {t("fee_search")}
        </label>
        <input id="fee-search" placeholder={t("fee_search")} title={t("fee_search_hint")} value={text} onChange={(e) => setText(e.target.value)} data-testid="fee-search" />
        <Button type="submit" variant="primary" data-testid="fee-search-go">
          {t("search")}
        </Button>
      </form>
      {found.error ? <ErrorBanner text={errorText(i18n, found.error)} onRetry={() => found.refetch()} /> : null}
      {asked !== null && found.isFetching ? <Spinner /> : null}
      {found.data && !chosen ? (
        found.data.length ? (
          <table className="fee-table" data-testid="fee-students">
            <thead>
              <tr>
                <th>{t("f_full_name")}</th>
                <th>NISN</th>
                <th>{t("f_class")}</th>
                <th>{t("f_status")}</th>
              </tr>
            </thead>
            <tbody>
              {found.data.map((s) => (
                <tr key={s.student.id} data-testid="fee-student-row">
                  <td>
                    <button type="button" className="link" onClick={() => setChosen(s)} data-testid="fee-student-open">
                      {s.student.data.full_name}
                    </button>
                  </td>
                  <td>{s.student.data.nisn}</td>
                  <td>{s.class_name ?? t("none")}</td>
                  <td>{t(`fee_status_${s.student.data.status}` as Key)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <EmptyState title={t("fee_no_students")} />
        )
      ) : null}
      {chosen ? <StudentDesk key={chosen.student.id} chosen={chosen} onBack={() => setChosen(null)} /> : null}
    </div>
  );
}

function StudentDesk({ chosen, onBack }: { chosen: FeeStudent; onBack: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const statement = useQuery({ queryKey: queryKeys.feeStatement(chosen.student.id), queryFn: () => commands.fee_statement(chosen.student.id) });
  const [picked, setPicked] = useState<string[]>([]);
  const [receipt, setReceipt] = useState<ReceiptPrinted | null>(null);
  const today = useToday();
  const day = useQuery({ queryKey: queryKeys.feeDay(today.data ?? ""), queryFn: () => commands.fee_day_report(today.data ?? ""), enabled: !!today.data });
  const s = chosen.student.data;
  return (
    <div data-testid="fee-student">
      <div className="screen-head">
        <h2>
          {s.full_name} <span className="muted small">NISN {s.nisn} · {chosen.class_name ?? t("none")}</span>
        </h2>
        <Button variant="ghost" onClick={onBack} data-testid="fee-back">
          {t("fee_other_student")}
        </Button>
      </div>
      {s.status !== "active" ? (
        <div className="banner banner-warn" role="alert" data-testid="fee-left">
          {t("fee_student_left", { name: s.full_name, status: t(`fee_status_${s.status}` as Key) })}
        </div>
      ) : null}
      {statement.error ? <ErrorBanner text={errorText(i18n, statement.error)} onRetry={() => statement.refetch()} /> : null}
      {statement.data ? (
        <>
          <StatementView statement={statement.data} picked={picked} onPick={setPicked} desk dayClosed={!!day.data?.closed} onReceipt={setReceipt} />
          {receipt ? <ReceiptCard receipt={receipt} onReprint={setReceipt} /> : null}
          <PayForm chosen={chosen} statement={statement.data} picked={picked} onBooked={(r) => { setReceipt(r); setPicked([]); }} />
          {statement.data.credit > 0 ? <RefundForm studentId={chosen.student.id} credit={statement.data.credit} /> : null}
        </>
      ) : statement.isLoading ? (
        <Spinner />
      ) : null}
    </div>
  );
}

/** A statement: the totals, each month, the payments. At the desk the
 * months can be ticked to pay them, and payments reprinted or voided. */
export function StatementView({
  statement,
  picked = [],
  onPick,
  desk = false,
  family = false,
  dayClosed = false,
  onReceipt,
}: {
  statement: FeeStatementView;
  picked?: string[];
  onPick?: (ids: string[]) => void;
  desk?: boolean;
  /** A student's or parent's own statement: each receipt can be fetched as PDF. */
  family?: boolean;
  /** Today's desk is closed: nothing can be voided, so no Void button. */
  dayClosed?: boolean;
  onReceipt?: (r: ReceiptPrinted) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [voiding, setVoiding] = useState<{ id: string; receipt: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState<string | null>(null);
  const month = (m: FeeMonthView) => {
    const [y, mo] = m.period.split("-").map(Number);
    return new Intl.DateTimeFormat(i18n.lang === "id" ? "id-ID" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, mo - 1, 1)));
  };
  const client = useQueryClient();
  const reprint = async (receipt: string, paymentId: string) => {
    setPrinting(receipt);
    setError(null);
    try {
      onReceipt?.(await (family ? commands.fee_my_receipt_print(paymentId, i18n.lang) : commands.fee_receipt_print(receipt, i18n.lang)));
      void client.invalidateQueries({ queryKey: queryKeys.fees });
    } catch (e) {
      setError(e);
    } finally {
      setPrinting(null);
    }
  };
  return (
    <div data-testid="fee-statement">
      <div className="tiles">
        {(
          [
            ["fee_billed", statement.billed],
            ["fee_discounted", statement.discounted],
            ["fee_paid", statement.paid],
            ["fee_refunded", statement.refunded],
            [statement.balance >= 0 ? "fee_owed" : "fee_credit", Math.abs(statement.balance)],
          ] as [Key, number][]
        ).map(([k, v]) => (
          <div key={k} className="tile" data-testid={`fee-total-${k.slice(4)}`}>
            <div className="tile-label">{t(k)}</div>
            <div className="tile-value">{formatRupiah(v)}</div>
          </div>
        ))}
      </div>
      <h3>{t("fee_months")}</h3>
      {statement.months.length ? (
        <table className="fee-table" data-testid="fee-months">
          <thead>
            <tr>
              {desk ? <th>{t("fee_pay_this")}</th> : null}
              <th>{t("fee_month")}</th>
              <th>{t("fee_due")}</th>
              <th>{t("fee_items")}</th>
              <th className="num">{t("fee_billed")}</th>
              <th className="num">{t("fee_discounted")}</th>
              <th className="num">{t("fee_paid")}</th>
              <th className="num">{t("fee_owed")}</th>
            </tr>
          </thead>
          <tbody>
            {statement.months.map((m) => (
              <tr key={m.invoice_id} className={m.void_reason ? "fee-void" : ""} data-testid="fee-month">
                {desk ? (
                  <td>
                    {m.owed > 0 ? (
                      <input
                        type="checkbox"
                        aria-label={t("fee_pay_month", { month: month(m) })}
                        checked={picked.includes(m.invoice_id)}
                        onChange={(e) => onPick?.(e.target.checked ? [...picked, m.invoice_id] : picked.filter((x) => x !== m.invoice_id))}
                        data-testid="fee-month-pick"
                      />
                    ) : null}
                  </td>
                ) : null}
                <td>{month(m)}</td>
                <td>{i18n.date(m.due_date)}</td>
                <td className="small">
                  {m.lines.map((l) => l.fee).join(", ")}
                  {m.void_reason ? <div className="muted">{t("fee_voided_because", { reason: m.void_reason })}</div> : null}
                </td>
                <td className="num">{formatRupiah(m.billed)}</td>
                <td className="num">{formatRupiah(m.discount)}</td>
                <td className="num">{formatRupiah(m.paid)}</td>
                <td className="num">{formatRupiah(m.owed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("fee_nothing_billed")}</p>
      )}
      <h3>{t("fee_payments")}</h3>
      {error ? <ErrorBanner text={errorText(i18n, error)} /> : null}
      {statement.payments.length ? (
        <table className="fee-table" data-testid="fee-payments">
          <thead>
            <tr>
              <th>{t("fee_receipt")}</th>
              <th>{t("f_paid_on")}</th>
              <th>{t("f_method")}</th>
              <th className="num">{t("f_amount")}</th>
              <th>{t("f_payer")}</th>
              {desk || family ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {statement.payments.map((p) => (
              <tr key={p.payment.id} className={p.payment.data.void_reason ? "fee-void" : ""} data-testid="fee-payment">
                <td>
                  {p.receipt}
                  {p.payment.data.void_reason ? <div className="muted small">{t("fee_voided_because", { reason: p.payment.data.void_reason })}</div> : null}
                </td>
                <td>{i18n.date(p.payment.data.paid_on)}</td>
                <td>
                  {t(`fee_method_${p.payment.data.method}` as Key)}
                  {p.payment.data.reference ? ` · ${p.payment.data.reference}` : ""}
                </td>
                <td className="num">{formatRupiah(p.payment.data.amount)}</td>
                <td>{p.payment.data.payer}</td>
                {family ? (
                  <td className="row-actions">
                    <Button variant="ghost" busy={printing === p.receipt} onClick={() => reprint(p.receipt, p.payment.id)} data-testid="fee-my-receipt">
                      {t("fee_my_print")}
                    </Button>
                  </td>
                ) : null}
                {desk ? (
                  <td className="row-actions">
                    <Button variant="ghost" busy={printing === p.receipt} onClick={() => reprint(p.receipt, p.payment.id)} data-testid="fee-reprint">
                      {p.payment.data.prints > 0 ? t("fee_reprint") : t("fee_print")}
                    </Button>
                    {p.payment.data.void_reason || dayClosed ? null : (
                      <Button variant="ghost" onClick={() => setVoiding({ id: p.payment.id, receipt: p.receipt })} data-testid="fee-void">
                        {t("fee_void")}
                      </Button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("fee_no_payments")}</p>
      )}
      {statement.refunds.length ? (
        <>
          <h3>{t("fee_refunds")}</h3>
          <ul className="plain" data-testid="fee-refunds">
            {statement.refunds.map((r) => (
              <li key={r.id}>
                {i18n.date(r.data.booked_on)} · {formatRupiah(r.data.amount)} · {t(`fee_method_${r.data.method}` as Key)} · {r.data.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {voiding ? <VoidDialog studentId={statement.student.id} paymentId={voiding.id} receipt={voiding.receipt} onClose={() => setVoiding(null)} /> : null}
    </div>
  );
}

function PayForm({ chosen, statement, picked, onBooked }: { chosen: FeeStudent; statement: FeeStatementView; picked: string[]; onBooked: (r: ReceiptPrinted) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const write = useWrite([queryKeys.feeStatement(chosen.student.id), queryKeys.fees]);
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState("cash");
  const [reference, setReference] = useState("");
  const [paidOn, setPaidOn] = useState<string | null>(null);
  const [payer, setPayer] = useState("");
  const [problem, setProblem] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  /** Booked but its receipt not written: the number, to print again. */
  const [unprinted, setUnprinted] = useState<string | null>(null);
  const left = chosen.student.data.status !== "active";
  const owed = Math.max(statement.balance, 0);
  const client = useQueryClient();
  // Today's desk closed: said before anything is typed (the shell refuses
  // a payment on a closed day in any case).
  const today = useToday();
  const day = useQuery({ queryKey: queryKeys.feeDay(today.data ?? ""), queryFn: () => commands.fee_day_report(today.data ?? ""), enabled: !!today.data });

  const print = async (receipt: string) => {
    try {
      const r = await commands.fee_receipt_print(receipt, i18n.lang);
      setUnprinted(null);
      setError(null);
      onBooked(r);
      // The statement shows how often each receipt was printed.
      void client.invalidateQueries({ queryKey: queryKeys.fees });
    } catch (e) {
      setUnprinted(receipt);
      setError(e);
    }
  };

  const submit = async () => {
    const found: Record<string, string> = {};
    const read = parseRupiah(amount);
    if ("problem" in read) found.amount = amountText(t, t("f_amount"), read.problem, amount);
    if (left) found.student = t("fee_student_left", { name: chosen.student.data.full_name, status: t(`fee_status_${chosen.student.data.status}` as Key) });
    if (method === "transfer" && !reference.trim()) found.reference = t("fee_reference_needed");
    setProblem(found);
    if (Object.keys(found).length || !("amount" in read)) return;
    setSaving(true);
    setError(null);
    try {
      const booked = await write(() =>
        commands.fee_pay({
          student_id: chosen.student.id,
          amount: read.amount,
          method,
          reference: method === "transfer" ? reference.trim() : null,
          paid_on: method === "transfer" ? paidOn : null,
          payer: payer.trim() || null,
          invoices: picked.length ? statement.months.filter((m) => picked.includes(m.invoice_id)).map((m) => m.invoice_id) : null,
        }),
      );
      // Booked: the form empties (the same money is not taken twice), then
      // the receipt is written.
      setAmount("");
      setReference("");
      setPayer("");
      toast(t("fee_booked", { receipt: booked.receipt, amount: formatRupiah(booked.payment.data.amount) }));
      await print(booked.receipt);
    } catch (e) {
      // Not booked: everything typed stays, and the banner says why.
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const wrong = fieldProblems(error);
  return (
    <form
      className="panel fee-pay"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="fee-pay"
    >
      <h3>{t("fee_take_payment")}</h3>
      <p className="muted small">{picked.length ? t("fee_pay_chosen", { count: picked.length }) : t("fee_pay_oldest_first")}</p>
      {day.data?.closed ? (
        <div className="banner banner-warn" role="alert" data-testid="fee-desk-closed">
          {t("fee_desk_closed", { day: i18n.date(day.data.day) })}
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-error" role="alert" data-testid="fee-pay-error">
          <span>{unprinted ? t("fee_booked_not_printed", { receipt: unprinted, problem: errorText(i18n, error) }) : t("fee_not_booked", { problem: errorText(i18n, error) })}</span>
          {unprinted ? (
            <Button variant="ghost" onClick={() => print(unprinted)} data-testid="fee-print-again">
              {t("fee_print")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {problem.student ? (
        <div className="banner banner-error" role="alert">
          {t("f_student")}: {problem.student}
        </div>
      ) : null}
      <div className="form-grid">
        <Field label={t("f_amount")} required error={problem.amount ?? (wrong.amount ? " " : undefined)} hint={owed ? t("fee_owed_hint", { amount: formatRupiah(owed) }) : undefined}>
          {(id, describedBy) => (
            <input id={id} inputMode="numeric" aria-describedby={describedBy} value={amount} onChange={(e) => setAmount(e.target.value)} onBlur={() => setAmount(regroup(amount))} placeholder="250.000" data-testid="fee-amount" />
          )}
        </Field>
        <SelectMenu
          label={t("f_method")}
          value={method}
          options={[
            { value: "cash", label: t("fee_method_cash") },
            { value: "transfer", label: t("fee_method_transfer") },
          ]}
          onChange={setMethod}
          testId="fee-method"
        />
        {method === "transfer" ? (
          <>
            <TextField label={t("f_reference")} required value={reference} onChange={setReference} error={problem.reference} testId="fee-reference" />
            <Field label={t("f_paid_on")}>{(id, describedBy) => <DateField id={id} label={t("f_paid_on")} value={paidOn} onChange={setPaidOn} describedBy={describedBy} testId="fee-paid-on" />}</Field>
          </>
        ) : null}
        <TextField label={t("f_payer")} value={payer} onChange={setPayer} hint={t("fee_payer_hint")} testId="fee-payer" />
      </div>
      <div className="actions">
        <Button type="submit" variant="primary" busy={saving} disabled={saving} data-testid="fee-pay-save">
          {saving ? t("fee_saving") : t("fee_take_payment")}
        </Button>
      </div>
    </form>
  );
}

/** The receipt as written: what it says, COPY on a reprint, and the PDF. */
export function ReceiptCard({ receipt, onReprint }: { receipt: ReceiptPrinted; onReprint?: (r: ReceiptPrinted) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="panel fee-receipt" data-testid="fee-receipt" aria-live="polite">
      <div className="screen-head">
        <h3>
          {t("fee_receipt")} {receipt.number}
          {receipt.copy ? (
            <span className="badge badge-draft" data-testid="fee-receipt-copy">
              {" "}
              {t("fee_copy")}
            </span>
          ) : null}
        </h3>
        <div className="row-actions">
          <Button onClick={() => commands.print_open(receipt.path).catch(setError)} data-testid="fee-receipt-open">
            {t("fee_open_pdf")}
          </Button>
          {onReprint ? (
            <Button
              variant="ghost"
              onClick={() =>
                commands
                  .fee_receipt_print(receipt.number, i18n.lang)
                  .then(onReprint)
                  .catch(setError)
              }
              data-testid="fee-receipt-reprint"
            >
              {t("fee_reprint")}
            </Button>
          ) : null}
        </div>
      </div>
      {error ? <ErrorBanner text={errorText(i18n, error)} /> : null}
      {receipt.voided ? <div className="banner banner-warn">{t("fee_voided_because", { reason: receipt.voided })}</div> : null}
      <dl className="facts">
        <dt>{t("fee_date")}</dt>
        <dd>{receipt.date}</dd>
        <dt>{t("f_payer")}</dt>
        <dd>{receipt.payer}</dd>
        <dt>{t("f_student")}</dt>
        <dd>
          {receipt.student} · NISN {receipt.nisn} · {receipt.class}
        </dd>
        {receipt.items.map((item, n) => (
          <div key={n} className="fee-receipt-line" style={{ display: "contents" }}>
            <dt>{item.description}</dt>
            <dd>{item.amount}</dd>
          </div>
        ))}
        <dt>{t("fee_total")}</dt>
        <dd data-testid="fee-receipt-total">
          <strong>{receipt.total}</strong>
        </dd>
        <dt>{t("fee_in_words")}</dt>
        <dd data-testid="fee-receipt-words">
          <em>{receipt.words}</em>
        </dd>
        <dt>{t("f_method")}</dt>
        <dd>{receipt.method}</dd>
        <dt>{t("fee_cashier")}</dt>
        <dd>{receipt.cashier}</dd>
      </dl>
      <p className="muted small" data-testid="fee-receipt-path">
        {receipt.path}
      </p>
    </div>
  );
}

function VoidDialog({ studentId, paymentId, receipt, onClose }: { studentId: string; paymentId: string; receipt: string; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const { save, saving, error } = useSave([queryKeys.feeStatement(studentId), queryKeys.fees]);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const submit = async () => {
    if (!reason.trim()) {
      setProblem(t("fee_reason_needed"));
      return;
    }
    if (!(await save(() => commands.fee_payment_void(paymentId, reason.trim())))) return;
    toast(t("fee_voided", { receipt }));
    onClose();
  };
  return (
    <Dialog title={t("fee_void_title", { receipt })} onClose={onClose}>
      <p>{t("fee_void_hint")}</p>
      {error ? <ErrorBanner text={errorText(i18n, error)} /> : null}
      <TextField label={t("f_reason")} required value={reason} onChange={setReason} error={problem} testId="fee-void-reason" />
      <div className="actions">
        <Button onClick={onClose}>{t("cancel")}</Button>
        <Button variant="danger" busy={saving} onClick={submit} data-testid="fee-void-save">
          {t("fee_void")}
        </Button>
      </div>
    </Dialog>
  );
}

function RefundForm({ studentId, credit }: { studentId: string; credit: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const { save, saving, error } = useSave([queryKeys.feeStatement(studentId), queryKeys.fees]);
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState("cash");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<Record<string, string>>({});
  const submit = async () => {
    const found: Record<string, string> = {};
    const read = parseRupiah(amount);
    if ("problem" in read) found.amount = amountText(t, t("f_amount"), read.problem, amount);
    if (!reason.trim()) found.reason = t("fee_reason_needed");
    setProblem(found);
    if (Object.keys(found).length || !("amount" in read)) return;
    if (!(await save(() => commands.fee_refund(studentId, read.amount, method, reason.trim())))) return;
    toast(t("fee_refund_done", { amount: formatRupiah(read.amount) }));
    setAmount("");
    setReason("");
  };
  return (
    <PanelForm title={t("fee_refund_title", { credit: formatRupiah(credit) })} error={error} onSubmit={submit} testId="fee-refund">
      <div className="form-grid">
        <TextField label={t("f_amount")} required value={amount} onChange={setAmount} error={problem.amount} testId="fee-refund-amount" />
        <SelectMenu
          label={t("f_method")}
          value={method}
          options={[
            { value: "cash", label: t("fee_method_cash") },
            { value: "transfer", label: t("fee_method_transfer") },
          ]}
          onChange={setMethod}
          testId="fee-refund-method"
        />
        <TextField label={t("f_reason")} required value={reason} onChange={setReason} error={problem.reason} testId="fee-refund-reason" />
      </div>
      <div className="actions">
        <Button type="submit" busy={saving} data-testid="fee-refund-save">
          {t("fee_refund")}
        </Button>
      </div>
    </PanelForm>
  );
}

// ---------------------------------------------------------------- the day

function useToday() {
  return useQuery({ queryKey: queryKeys.feeToday, queryFn: commands.fee_today, staleTime: 5 * 60_000 });
}

function DayPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const today = useToday();
  const [day, setDay] = useState<string | null>(null);
  const shown = day ?? today.data ?? null;
  const report = useQuery({ queryKey: queryKeys.feeDay(shown ?? ""), queryFn: () => commands.fee_day_report(shown ?? ""), enabled: !!shown });
  const { save, saving, error } = useSave([queryKeys.fees]);
  const [confirm, setConfirm] = useState(false);
  if (today.error) return <ErrorBanner text={errorText(i18n, today.error)} onRetry={() => today.refetch()} />;
  if (!shown) return <Spinner />;
  const r = report.data;
  const nameOf = (id: string) => r?.students.find((s) => s.id === id)?.name ?? "";
  const close = async () => {
    if (!(await save(() => commands.fee_day_close(shown)))) return;
    toast(t("fee_day_closed_done", { day: i18n.date(shown) }));
    setConfirm(false);
  };
  return (
    <div data-testid="fee-day">
      <div className="toolbar">
        <Field label={t("fee_day")}>{(id, describedBy) => <DateField id={id} label={t("fee_day")} value={shown} onChange={(v) => v && setDay(v)} describedBy={describedBy} testId="fee-day-date" />}</Field>
      </div>
      {report.error ? <ErrorBanner text={errorText(i18n, report.error)} onRetry={() => report.refetch()} /> : null}
      {!r ? (
        report.isLoading ? <Spinner /> : null
      ) : (
        <>
          {r.closed ? (
            <div className="banner banner-info" data-testid="fee-day-closed">
              {t("fee_day_is_closed", { day: i18n.date(r.day) })}
            </div>
          ) : null}
          <div className="tiles">
            {(
              [
                ["fee_cash", r.cash],
                ["fee_transfers", r.transfers],
                ["fee_voided_total", r.voided],
                ["fee_refunded", r.refunded],
                ["fee_cash_net", r.cash_net],
              ] as [Key, number][]
            ).map(([k, v]) => (
              <div key={k} className="tile" data-testid={`fee-day-${k.slice(4)}`}>
                <div className="tile-label">{t(k)}</div>
                <div className="tile-value">{formatRupiah(v)}</div>
              </div>
            ))}
          </div>
          {r.payments.length ? (
            <table className="fee-table" data-testid="fee-day-payments">
              <thead>
                <tr>
                  <th>{t("fee_receipt")}</th>
                  <th>{t("f_student")}</th>
                  <th>{t("f_method")}</th>
                  <th className="num">{t("f_amount")}</th>
                </tr>
              </thead>
              <tbody>
                {r.payments.map((p) => (
                  <tr key={p.payment.id} className={p.payment.data.void_reason ? "fee-void" : ""}>
                    <td>{p.receipt}</td>
                    <td>{nameOf(p.payment.data.student_id)}</td>
                    <td>{t(`fee_method_${p.payment.data.method}` as Key)}</td>
                    <td className="num">{formatRupiah(p.payment.data.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t("fee_day_empty")}</p>
          )}
          {error ? <ErrorBanner text={errorText(i18n, error)} /> : null}
          {r.closed ? null : (
            <div className="actions">
              <Button variant="danger" onClick={() => setConfirm(true)} data-testid="fee-day-close">
                {t("fee_close_day")}
              </Button>
            </div>
          )}
          {confirm ? (
            <Dialog title={t("fee_close_day")} onClose={() => setConfirm(false)}>
              <p data-testid="fee-day-confirm-text">{t("fee_close_day_confirm", { day: i18n.date(shown), cash: formatRupiah(r.cash_net), count: r.payments.length })}</p>
              {error ? <ErrorBanner text={errorText(i18n, error)} /> : null}
              <div className="actions">
                <Button onClick={() => setConfirm(false)}>{t("cancel")}</Button>
                <Button variant="danger" busy={saving} onClick={close} data-testid="fee-day-close-confirm">
                  {t("fee_close_day")}
                </Button>
              </div>
            </Dialog>
          ) : null}
        </>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- arrears

function ArrearsPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const today = useToday();
  const classes = useQuery({ queryKey: queryKeys.classes, queryFn: listClasses });
  const lookups = useLookups();
  // This year's classes (two years' "VII-A" are not one class).
  const currentYear = lookups.years.find((y) => y.data.is_current)?.id;
  const classesNow = (classes.data ?? []).filter((c) => !currentYear || c.data.academic_year_id === currentYear);
  const [classId, setClassId] = useState("");
  const [asOf, setAsOf] = useState<string | null>(null);
  const day = asOf ?? today.data ?? null;
  const rows = useQuery({ queryKey: queryKeys.feeArrears(classId, day ?? ""), queryFn: () => commands.fee_arrears(classId || null, day ?? ""), enabled: !!day });
  const failed = today.error ?? classes.error ?? rows.error;
  const total = (rows.data ?? []).reduce((sum: number, r: ArrearsView) => sum + r.owed, 0);
  const toast = useToast();
  const [exporting, setExporting] = useState(false);
  const exportTo = async () => {
    if (!day) return;
    try {
      const path = await chooseSavePath(`${t("fee_arrears_file")} ${day}.xlsx`, [{ name: "Excel", extensions: ["xlsx"] }]);
      if (!path) return;
      setExporting(true);
      await commands.fee_arrears_export(classId || null, day, i18n.lang, path);
      toast(t("fee_exported", { path }));
    } catch (e) {
      toast(errorText(i18n, e), "error");
    } finally {
      setExporting(false);
    }
  };
  return (
    <div data-testid="fee-arrears">
      <div className="toolbar">
        <SelectMenu
          label={t("f_class")}
          value={classId}
          options={[{ value: "", label: t("fee_all_classes") }, ...classesNow.map((c) => ({ value: c.id, label: c.data.name }))]}
          onChange={setClassId}
          testId="fee-arrears-class"
        />
        {day ? <Field label={t("fee_as_of")}>{(id, describedBy) => <DateField id={id} label={t("fee_as_of")} value={day} onChange={(v) => v && setAsOf(v)} describedBy={describedBy} testId="fee-arrears-date" />}</Field> : null}
        <Button onClick={exportTo} busy={exporting} disabled={!rows.data?.length} data-testid="fee-arrears-export">
          {t("fee_export_xlsx")}
        </Button>
      </div>
      {failed ? <ErrorBanner text={errorText(i18n, failed)} /> : null}
      {rows.data ? (
        rows.data.length ? (
          <>
            <p data-testid="fee-arrears-sum">{t("fee_arrears_sum", { count: rows.data.length, amount: formatRupiah(total) })}</p>
            <table className="fee-table" data-testid="fee-arrears-table">
              <thead>
                <tr>
                  <th>{t("f_full_name")}</th>
                  <th>NISN</th>
                  <th>{t("f_class")}</th>
                  <th className="num">{t("fee_months_owed")}</th>
                  <th>{t("fee_oldest")}</th>
                  <th className="num">{t("fee_owed")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.data.map((r) => (
                  <tr key={r.student_id} data-testid="fee-arrears-row">
                    <td>{r.name}</td>
                    <td>{r.nisn}</td>
                    <td>{r.class}</td>
                    <td className="num">{r.months}</td>
                    <td>{r.oldest ?? ""}</td>
                    <td className="num">{formatRupiah(r.owed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <EmptyState title={t("fee_no_arrears")} />
        )
      ) : rows.isLoading ? (
        <Spinner />
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------- bank statements

/** A bank statement: chosen, previewed (sure lines ticked, uncertain ones
 * for a person to tick, unmatched and already booked ones shown), then
 * confirmed. Nothing is booked before the confirmation; the same bytes go
 * to both calls, so what is booked is what was previewed. */
function BankPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const write = useWrite([queryKeys.fees]);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array; format: SheetFormat } | null>(null);
  const [preview, setPreview] = useState<BankPreviewView | null>(null);
  const [ticked, setTicked] = useState<number[]>([]);
  // Lines given to a student by hand (an unmatched or uncertain line), by
  // row: booked only when confirmed, like the others.
  const [byHand, setByHand] = useState<Record<number, FeeStudent>>({});
  const [assigning, setAssigning] = useState<number | null>(null);
  const [done, setDone] = useState<BankBookedView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (f: File | undefined) => {
    setPreview(null);
    setDone(null);
    setError(null);
    setTicked([]);
    setByHand({});
    if (!f) return setFile(null);
    const ext = f.name.toLowerCase().split(".").pop();
    if (ext !== "csv" && ext !== "xlsx") {
      setFile(null);
      setError({ kind: "invalid", message: t("fee_bank_file_kind", { name: f.name }), fields: [], rows: [] });
      return;
    }
    try {
      const bytes = await readUpload(f);
      setFile({ name: f.name, bytes, format: ext });
      setBusy(true);
      const p = await commands.fee_bank_preview(bytes, ext);
      setPreview(p);
      setTicked(p.lines.filter((l) => l.confidence === "sure" && !l.booked && l.student_id).map((l) => l.row));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const lines = preview.lines
        .filter((l) => ticked.includes(l.row) && (byHand[l.row] || l.student_id))
        .map((l) => ({ row: l.row, student_id: byHand[l.row]?.student.id ?? (l.student_id as string) }));
      const booked = await write(() => commands.fee_bank_confirm(file.bytes, file.format, lines));
      setDone(booked);
      setPreview(null);
      setByHand({});
      toast(t("fee_bank_booked", { count: booked.booked.length }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const errorMessage = (e: unknown) => ((e as { message?: string; kind?: string }).kind === "invalid" && !(e as { code?: string }).code && (e as { fields?: unknown[] }).fields?.length === 0 ? (e as { message: string }).message : errorText(i18n, e));
  return (
    <div className="panel" data-testid="fee-bank">
      <h3>{t("fee_bank_title")}</h3>
      <p className="muted">{t("fee_bank_hint")}</p>
      <FilePicker label={t("fee_bank_file")} accept=".csv,.xlsx" fileName={file?.name} onChoose={choose} testId="fee-bank-file" />
      {busy ? <Spinner /> : null}
      {error ? <ErrorBanner text={errorMessage(error)} /> : null}
      {error && (error as { rows?: unknown[] }).rows?.length ? (
        <ul className="problems" data-testid="fee-bank-rejected">
          {((error as { rows: { row: number; column: string; code?: string; reason?: string; params?: Record<string, string> }[] }).rows).map((p, n) => (
            <li key={n}>{t("fee_bank_problem", { row: p.row, column: p.column, problem: problemText(i18n, p) })}</li>
          ))}
        </ul>
      ) : null}
      {preview ? (
        <>
          {preview.problems.length ? (
            <div className="banner banner-warn" role="alert">
              <div>
                <strong>{t("fee_bank_problems", { count: preview.problems.length })}</strong>
                <ul className="problems" data-testid="fee-bank-problems">
                  {preview.problems.map((p, n) => (
                    <li key={n}>{t("fee_bank_problem", { row: p.row, column: p.column, problem: problemText(i18n, p) })}</li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}
          <p className="muted small">{t("fee_bank_counts", { sure: preview.lines.filter((l) => l.confidence === "sure").length, uncertain: preview.lines.filter((l) => l.confidence === "uncertain").length, unmatched: preview.lines.filter((l) => l.confidence === "unmatched").length, debits: preview.debits })}</p>
          <table className="fee-table" data-testid="fee-bank-lines">
            <thead>
              <tr>
                <th>{t("fee_bank_book")}</th>
                <th>{t("fee_bank_row")}</th>
                <th>{t("fee_date")}</th>
                <th>{t("fee_bank_description")}</th>
                <th className="num">{t("f_amount")}</th>
                <th>{t("f_student")}</th>
                <th>{t("fee_bank_match")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.lines.map((l) => (
                <tr key={l.row} data-testid={`fee-bank-line-${l.confidence}`}>
                  <td>
                    {(l.student_id || byHand[l.row]) && !l.booked ? (
                      <input
                        type="checkbox"
                        aria-label={t("fee_bank_book_row", { row: l.row })}
                        checked={ticked.includes(l.row)}
                        onChange={(e) => setTicked(e.target.checked ? [...ticked, l.row] : ticked.filter((r) => r !== l.row))}
                        data-testid="fee-bank-tick"
                      />
                    ) : null}
                  </td>
                  <td>{l.row}</td>
                  <td>{i18n.date(l.date)}</td>
                  <td className="small">
                    {l.description}
                    {l.reference ? <div className="muted">{l.reference}</div> : null}
                  </td>
                  <td className="num">{formatRupiah(l.amount)}</td>
                  <td data-testid="fee-bank-student">
                    {byHand[l.row] ? (
                      <>
                        {`${byHand[l.row].student.data.full_name} (${byHand[l.row].student.data.nisn})`}
                        <div className="muted small">
                          {t("fee_bank_by_hand")}{" "}
                          <button
                            type="button"
                            className="link"
                            onClick={() => {
                              const { [l.row]: _gone, ...rest } = byHand;
                              setByHand(rest);
                              setTicked(ticked.filter((r) => r !== l.row));
                            }}
                            data-testid="fee-bank-unassign"
                          >
                            {t("fee_bank_unassign")}
                          </button>
                        </div>
                      </>
                    ) : l.student_name ? (
                      `${l.student_name} (${l.student_nisn})`
                    ) : (
                      t("none")
                    )}
                    {!l.booked && l.confidence !== "sure" && !byHand[l.row] ? (
                      <div>
                        <Button variant="ghost" onClick={() => setAssigning(l.row)} data-testid="fee-bank-assign">
                          {t("fee_bank_assign")}
                        </Button>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {l.booked ? t("fee_bank_already") : t(`fee_bank_${l.confidence}` as Key)}
                    {l.possibly_booked ? <div className="warn small">{t("fee_bank_possibly", { receipt: l.possibly_booked })}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {assigning !== null ? (
            <AssignLine
              row={assigning}
              onClose={() => setAssigning(null)}
              onPick={(s) => {
                setByHand({ ...byHand, [assigning]: s });
                setTicked(ticked.includes(assigning) ? ticked : [...ticked, assigning]);
                setAssigning(null);
              }}
            />
          ) : null}
          <div className="actions">
            <Button variant="primary" busy={busy} disabled={!ticked.length} onClick={confirm} data-testid="fee-bank-confirm">
              {t("fee_bank_confirm", { count: ticked.length })}
            </Button>
          </div>
        </>
      ) : null}
      {done ? (
        <div className="banner banner-ok" data-testid="fee-bank-done">
          <div>
            {t("fee_bank_booked", { count: done.booked.length })}
            {done.already.length ? ` ${t("fee_bank_skipped", { rows: done.already.join(", ") })}` : ""}
            <ul className="plain">
              {done.booked.map((b) => (
                <li key={b.row}>{t("fee_bank_booked_line", { row: b.row, receipt: b.receipt, amount: formatRupiah(b.amount) })}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Finds a student for a statement line by name, NIS, NISN or class. */
function AssignLine({ row, onPick, onClose }: { row: number; onPick: (s: FeeStudent) => void; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState("");
  const [asked, setAsked] = useState<string | null>(null);
  const found = useQuery({ queryKey: queryKeys.feeStudents(asked ?? ""), queryFn: () => commands.fee_students(asked ?? ""), enabled: !!asked });
  return (
    <Dialog title={t("fee_bank_assign_to", { row })} onClose={onClose} testId="fee-bank-assign-dialog">
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(text.trim() || null);
        }}
      >
        <TextField label={t("fee_bank_assign_search")} value={text} onChange={setText} testId="fee-bank-assign-search" />
        <Button type="submit" variant="primary" data-testid="fee-bank-assign-go">
          {t("search")}
        </Button>
      </form>
      {found.error ? <ErrorBanner text={errorText(i18n, found.error)} /> : null}
      {found.isFetching ? <Spinner /> : null}
      {found.data ? (
        found.data.length ? (
          <ul className="plain">
            {found.data.map((s) => (
              <li key={s.student.id}>
                {s.student.data.full_name} · NISN {s.student.data.nisn} · {s.class_name ?? t("none")}{" "}
                <Button variant="ghost" disabled={s.student.data.status !== "active"} onClick={() => onPick(s)} data-testid="fee-bank-assign-pick">
                  {t("fee_bank_assign_pick")}
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={t("fee_no_students")} />
        )
      ) : null}
    </Dialog>
  );
}

// ---------------------------------------------------------------- billing

/** "2026-11" from "2026-11-30". */
const periodOf = (iso: string) => iso.slice(0, 7);

function BillingPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const today = useToday();
  const { save, saving, error } = useSave([queryKeys.fees]);
  const [typed, setPeriod] = useState<string | null>(null);
  const period = typed ?? (today.data ? periodOf(today.data) : "");
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<Awaited<ReturnType<typeof commands.fee_invoice_period>> | null>(null);
  const submit = async () => {
    const p = period.trim();
    const m = /^(\d{4})-(\d{2})$/.exec(p);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      setProblem(t("fee_period_bad", { value: p }));
      return;
    }
    setProblem(undefined);
    const run = await save(() => commands.fee_invoice_period(p));
    if (run) setDone(run.value);
  };
  return (
    <PanelForm title={t("fee_invoice_title")} error={error} onSubmit={submit} testId="fee-billing">
      <p className="muted">{t("fee_invoice_hint")}</p>
      <div className="form-grid">
        <TextField label={t("fee_period")} value={period} onChange={setPeriod} error={problem} hint="YYYY-MM" testId="fee-period" />
      </div>
      <div className="actions">
        <Button type="submit" variant="primary" busy={saving} data-testid="fee-invoice">
          {t("fee_invoice")}
        </Button>
      </div>
      {done ? (
        <div className="banner banner-ok" data-testid="fee-invoice-done">
          {t("fee_invoice_done", { period: done.period, students: done.students, invoices: done.invoices_created, adjustments: done.adjustments, amount: formatRupiah(done.net_added) })}
        </div>
      ) : null}
    </PanelForm>
  );
}

// ---------------------------------------------------------------- fee plans

/** The administrator's fee plans for a year: fee items (monthly or once,
 * due day), who each is billed to, and discounts with a reason. A change
 * bills from the next invoicing on; what was billed stays. */
function PlansPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const lookups = useLookups();
  const [picked, setPicked] = useState<string | null>(null);
  const yearId = picked ?? lookups.years.find((y) => y.data.is_current)?.id ?? lookups.years[0]?.id ?? null;
  const items = useQuery({ queryKey: queryKeys.feeItems(yearId ?? ""), queryFn: () => commands.fee_items(yearId ?? ""), enabled: !!yearId });
  const assignments = useQuery({ queryKey: queryKeys.feeAssignments(yearId ?? ""), queryFn: () => commands.fee_assignments(yearId ?? ""), enabled: !!yearId });
  const discounts = useQuery({ queryKey: queryKeys.feeDiscounts, queryFn: commands.fee_discounts });
  const [editing, setEditing] = useState<{ id: string | null; version: number | null; item: FeeItem } | null>(null);
  const failed = lookups.error ?? items.error ?? assignments.error ?? discounts.error;
  if (failed) return <ErrorBanner text={errorText(i18n, failed)} onRetry={lookups.retry} />;
  if (!yearId) return lookups.years.length ? <Spinner /> : <EmptyState title={t("dash_no_year")} />;
  const itemName = (id: string | null) => (id ? (items.data?.find((i) => i.id === id)?.data.name ?? "") : t("fee_all_items"));
  const blank: FeeItem = { academic_year_id: yearId, name: "", amount: 0, schedule: "monthly", once_period: null, due_day: 10, active: true };
  return (
    <div data-testid="fee-plans">
      <div className="toolbar">
        <SelectMenu label={t("f_year")} value={yearId} options={lookups.years.map((y) => ({ value: y.id, label: y.data.name }))} onChange={setPicked} testId="fee-plan-year" />
        <Button variant="primary" onClick={() => setEditing({ id: null, version: null, item: blank })} data-testid="fee-item-new">
          {t("fee_item_new")}
        </Button>
      </div>
      <h3>{t("fee_items_title")}</h3>
      {items.data?.length ? (
        <table className="fee-table" data-testid="fee-items">
          <thead>
            <tr>
              <th>{t("f_name")}</th>
              <th className="num">{t("f_amount")}</th>
              <th>{t("fee_schedule")}</th>
              <th>{t("fee_due_day")}</th>
              <th>{t("fee_billed_to")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.data.map((i) => (
              <tr key={i.id} className={i.data.active ? "" : "fee-void"} data-testid="fee-item-row">
                <td>{i.data.name}</td>
                <td className="num">{formatRupiah(i.data.amount)}</td>
                <td>{i.data.schedule === "monthly" ? t("fee_monthly") : t("fee_once_in", { month: i.data.once_period ?? "" })}</td>
                <td>{i.data.due_day}</td>
                <td className="small">
                  {(assignments.data ?? [])
                    .filter((a) => a.data.fee_item_id === i.id)
                    .map((a) => (a.data.grade_level !== null ? t("fee_to_grade", { grade: a.data.grade_level }) : a.data.class_id ? lookups.className(a.data.class_id) : t("fee_to_student")))
                    .join(", ") || t("fee_to_nobody")}
                </td>
                <td>
                  <Button variant="ghost" onClick={() => setEditing({ id: i.id, version: i.version, item: i.data })} data-testid="fee-item-edit">
                    {t("edit")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : items.isLoading ? (
        <Spinner />
      ) : (
        <p className="muted">{t("fee_no_items")}</p>
      )}
      {editing ? <ItemForm key={editing.id ?? "new"} editing={editing} onDone={() => setEditing(null)} /> : null}
      {items.data?.length ? <AssignForm items={items.data.map((i) => ({ value: i.id, label: i.data.name }))} yearId={yearId} /> : null}
      <h3>{t("fee_discounts_title")}</h3>
      {discounts.data?.length ? (
        <DiscountList discounts={discounts.data} itemName={itemName} />
      ) : (
        <p className="muted">{t("fee_no_discounts")}</p>
      )}
      <DiscountForm items={(items.data ?? []).map((i) => ({ value: i.id, label: i.data.name }))} />
      <SettingsForm />
    </div>
  );
}

/** The school's fee settings: whether homeroom teachers see their own
 * class's arrears (a yes or no and the amount). Saved at once, audited. */
function SettingsForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const settings = useQuery({ queryKey: queryKeys.feeSettings, queryFn: commands.fee_settings });
  const { save, saving, error } = useSave([queryKeys.fees]);
  if (settings.error) return <ErrorBanner text={errorText(i18n, settings.error)} onRetry={() => settings.refetch()} />;
  if (!settings.data) return <Spinner />;
  const { version } = settings.data;
  const toggle = async (on: boolean) => {
    if (await save(() => commands.fee_settings_save({ homeroom_sees_arrears: on }, version))) toast(t("fee_settings_saved"));
  };
  return (
    <PanelForm title={t("fee_settings_title")} error={error} onSubmit={() => undefined} testId="fee-settings">
      <label className="check">
        <input type="checkbox" checked={settings.data.settings.homeroom_sees_arrears} disabled={saving} onChange={(e) => void toggle(e.target.checked)} data-testid="fee-settings-homeroom" /> {t("fee_settings_homeroom")}
      </label>
    </PanelForm>
  );
}

function ItemForm({ editing, onDone }: { editing: { id: string | null; version: number | null; item: FeeItem }; onDone: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { save, saving, error } = useSave([queryKeys.fees]);
  const [name, setName] = useState(editing.item.name);
  const [amount, setAmount] = useState(editing.item.amount ? regroup(String(editing.item.amount)) : "");
  const [schedule, setSchedule] = useState(editing.item.schedule);
  const [once, setOnce] = useState(editing.item.once_period ?? "");
  const [dueDay, setDueDay] = useState(String(editing.item.due_day));
  const [active, setActive] = useState(editing.item.active);
  const [problem, setProblem] = useState<Record<string, string>>({});
  const submit = async () => {
    const found: Record<string, string> = {};
    const read = parseRupiah(amount);
    if (!name.trim()) found.name = t("fee_name_needed");
    if ("problem" in read) found.amount = amountText(t, t("f_amount"), read.problem, amount);
    const day = Number(dueDay);
    if (!/^\d+$/.test(dueDay.trim()) || day < 1 || day > 28) found.due_day = t("fee_due_day_bad", { value: dueDay });
    if (schedule === "once" && !/^\d{4}-(0[1-9]|1[0-2])$/.test(once.trim())) found.once_period = t("fee_period_bad", { value: once });
    setProblem(found);
    if (Object.keys(found).length || !("amount" in read)) return;
    const item: FeeItem = { ...editing.item, name: name.trim(), amount: read.amount, schedule, once_period: schedule === "once" ? once.trim() : null, due_day: day, active };
    if (await save(() => commands.fee_item_save(editing.id, editing.version, item))) onDone();
  };
  return (
    <PanelForm title={editing.id ? t("fee_item_edit", { name: editing.item.name }) : t("fee_item_new")} error={error} onSubmit={submit} testId="fee-item-form">
      {editing.id ? <p className="muted small">{t("fee_item_change_hint")}</p> : null}
      <div className="form-grid">
        <TextField label={t("f_name")} required value={name} onChange={setName} error={problem.name} testId="fee-item-name" />
        <TextField label={t("f_amount")} required value={amount} onChange={setAmount} error={problem.amount} testId="fee-item-amount" />
        <SelectMenu
          label={t("fee_schedule")}
          value={schedule}
          options={[
            { value: "monthly", label: t("fee_monthly") },
            { value: "once", label: t("fee_once") },
          ]}
          onChange={setSchedule}
          testId="fee-item-schedule"
        />
        {schedule === "once" ? <TextField label={t("fee_once_month")} required value={once} onChange={setOnce} error={problem.once_period} hint="YYYY-MM" testId="fee-item-once" /> : null}
        <TextField label={t("fee_due_day")} required value={dueDay} onChange={setDueDay} error={problem.due_day} hint={t("fee_due_day_hint")} testId="fee-item-due" />
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t("fee_item_active")}
        </label>
      </div>
      <div className="actions">
        <Button onClick={onDone}>{t("cancel")}</Button>
        <Button type="submit" variant="primary" busy={saving} data-testid="fee-item-save">
          {t("save")}
        </Button>
      </div>
    </PanelForm>
  );
}

/** Finds one student by NISN (exactly) for a plan form. */
async function studentByNisn(nisn: string): Promise<FeeStudent | null> {
  const found = await commands.fee_students(nisn.trim());
  return found.find((s) => s.student.data.nisn === nisn.trim()) ?? null;
}

function AssignForm({ items, yearId }: { items: { value: string; label: string }[]; yearId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const lookups = useLookups();
  const { save, saving, error, setError } = useSave([queryKeys.fees]);
  const [item, setItem] = useState(items[0]?.value ?? "");
  const [to, setTo] = useState("grade");
  const [grade, setGrade] = useState("");
  const [classId, setClassId] = useState("");
  const [nisn, setNisn] = useState("");
  const [problem, setProblem] = useState<Record<string, string>>({});
  const classes = lookups.classes.filter((c) => c.data.academic_year_id === yearId);
  const submit = async () => {
    const found: Record<string, string> = {};
    const g = Number(grade);
    if (to === "grade" && (!/^\d+$/.test(grade.trim()) || g < 1 || g > 13)) found.grade = t("fee_grade_bad", { value: grade });
    if (to === "class" && !classId) found.class = t("fee_class_needed");
    setError(null);
    let studentId: string | null = null;
    if (to === "student") {
      const s = nisn.trim() ? await studentByNisn(nisn).catch((e) => (setError(e), null)) : null;
      if (!s) found.student = t("fee_nisn_unknown", { value: nisn });
      else studentId = s.student.id;
    }
    setProblem(found);
    if (Object.keys(found).length) return;
    const assignment: FeeAssignment = { fee_item_id: item, grade_level: to === "grade" ? g : null, class_id: to === "class" ? classId : null, student_id: studentId };
    if (await save(() => commands.fee_assign(assignment))) toast(t("fee_assigned"));
  };
  return (
    <PanelForm title={t("fee_assign_title")} error={error} onSubmit={submit} testId="fee-assign">
      <div className="form-grid">
        <SelectMenu label={t("fee_item")} value={item} options={items} onChange={setItem} testId="fee-assign-item" />
        <SelectMenu
          label={t("fee_billed_to")}
          value={to}
          options={[
            { value: "grade", label: t("fee_to_grade_word") },
            { value: "class", label: t("f_class") },
            { value: "student", label: t("f_student") },
          ]}
          onChange={setTo}
          testId="fee-assign-to"
        />
        {to === "grade" ? <TextField label={t("fee_grade")} required value={grade} onChange={setGrade} error={problem.grade} testId="fee-assign-grade" /> : null}
        {to === "class" ? (
          <Field label={t("f_class")} required error={problem.class}>
            {() => <SelectMenu label={t("f_class")} value={classId} options={[{ value: "", label: t("none") }, ...classes.map((c) => ({ value: c.id, label: c.data.name }))]} onChange={setClassId} testId="fee-assign-class" />}
          </Field>
        ) : null}
        {to === "student" ? <TextField label="NISN" required value={nisn} onChange={setNisn} error={problem.student} testId="fee-assign-nisn" /> : null}
      </div>
      <div className="actions">
        <Button type="submit" variant="primary" busy={saving} data-testid="fee-assign-save">
          {t("fee_assign")}
        </Button>
      </div>
    </PanelForm>
  );
}

function DiscountList({ discounts, itemName }: { discounts: { id: string; version: number; data: FeeDiscount }[]; itemName: (id: string | null) => string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const write = useWrite([queryKeys.fees]);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      {error ? <ErrorBanner text={errorText(i18n, error)} /> : null}
      <table className="fee-table" data-testid="fee-discounts">
        <thead>
          <tr>
            <th>{t("f_student")}</th>
            <th>{t("fee_item")}</th>
            <th className="num">{t("fee_discount_value")}</th>
            <th>{t("f_reason")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {discounts.map((d) => (
            <tr key={d.id} className={d.data.active ? "" : "fee-void"} data-testid="fee-discount-row">
              <td>
                <StudentName id={d.data.student_id} />
              </td>
              <td>{itemName(d.data.fee_item_id)}</td>
              <td className="num">{d.data.kind === "percent" ? `${d.data.value / 100} %` : formatRupiah(d.data.value)}</td>
              <td>{d.data.reason}</td>
              <td>
                {d.data.active ? (
                  <Button variant="ghost" onClick={() => write(() => commands.fee_discount_end(d.id, d.version)).catch(setError)} data-testid="fee-discount-end">
                    {t("fee_discount_end")}
                  </Button>
                ) : (
                  t("fee_discount_ended")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function StudentName({ id }: { id: string }) {
  const statement = useQuery({ queryKey: queryKeys.feeStatement(id), queryFn: () => commands.fee_statement(id) });
  return <>{statement.data ? `${statement.data.student.data.full_name} (${statement.data.student.data.nisn})` : ""}</>;
}

/** "25" or "12,5" percent → basis points (2 500, 1 250); null if not a
 * percentage from 0.01 to 100 with at most two decimals. */
export function percentToBasisPoints(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp >= 1 && bp <= 10_000 ? bp : null;
}

function DiscountForm({ items }: { items: { value: string; label: string }[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const { save, saving, error, setError } = useSave([queryKeys.fees]);
  const [nisn, setNisn] = useState("");
  const [item, setItem] = useState("");
  const [kind, setKind] = useState("percent");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<Record<string, string>>({});
  const submit = async () => {
    const found: Record<string, string> = {};
    let amount: number | null = null;
    if (kind === "percent") {
      amount = percentToBasisPoints(value);
      if (amount === null) found.value = t("fee_percent_bad", { value });
    } else {
      const read = parseRupiah(value);
      if ("problem" in read) found.value = amountText(t, t("fee_discount_value"), read.problem, value);
      else amount = read.amount;
    }
    if (!reason.trim()) found.reason = t("fee_reason_needed");
    setError(null);
    const s = nisn.trim() ? await studentByNisn(nisn).catch((e) => (setError(e), null)) : null;
    if (!s) found.student = t("fee_nisn_unknown", { value: nisn });
    setProblem(found);
    if (Object.keys(found).length || !s || amount === null) return;
    const given = amount;
    if (!(await save(() => commands.fee_discount_give({ student_id: s.student.id, fee_item_id: item || null, kind, value: given, reason: reason.trim(), active: true })))) return;
    toast(t("fee_discount_given", { name: s.student.data.full_name }));
    setNisn("");
    setValue("");
    setReason("");
  };
  return (
    <PanelForm title={t("fee_discount_give")} error={error} onSubmit={submit} testId="fee-discount">
      <p className="muted small">{t("fee_discount_hint")}</p>
      <div className="form-grid">
        <TextField label="NISN" required value={nisn} onChange={setNisn} error={problem.student} testId="fee-discount-nisn" />
        <SelectMenu label={t("fee_item")} value={item} options={[{ value: "", label: t("fee_all_items") }, ...items]} onChange={setItem} testId="fee-discount-item" />
        <SelectMenu
          label={t("fee_discount_kind")}
          value={kind}
          options={[
            { value: "percent", label: t("fee_percent") },
            { value: "fixed", label: t("fee_fixed") },
          ]}
          onChange={setKind}
          testId="fee-discount-kind"
        />
        <TextField label={t("fee_discount_value")} required value={value} onChange={setValue} error={problem.value} hint={kind === "percent" ? "25 / 12,5" : "50.000"} testId="fee-discount-value" />
        <TextField label={t("f_reason")} required value={reason} onChange={setReason} error={problem.reason} hint={t("fee_discount_reason_hint")} testId="fee-discount-reason" />
      </div>
      <div className="actions">
        <Button type="submit" variant="primary" busy={saving} data-testid="fee-discount-save">
          {t("fee_discount_give")}
        </Button>
      </div>
    </PanelForm>
  );
}

// ---------------------------------------------------------------- families

/** A student's or a parent's own statements (the children the dashboard
 * names); the app refuses anyone else's. */
export function MyFeesScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const dashboard = useQuery({ queryKey: queryKeys.dashboard, queryFn: commands.dashboard });
  if (dashboard.error) return <ErrorBanner text={errorText(i18n, dashboard.error)} onRetry={() => dashboard.refetch()} />;
  if (!dashboard.data) return <Spinner />;
  return (
    <section className="screen" data-testid="my-fees">
      <header className="screen-head">
        <h1>{t("nav_my_fees")}</h1>
      </header>
      {dashboard.data.students.length ? dashboard.data.students.map((s) => <OwnStatement key={s.student.id} id={s.student.id} name={s.student.data.full_name} />) : <EmptyState title={t("dash_no_students")} />}
    </section>
  );
}

function OwnStatement({ id, name }: { id: string; name: string }) {
  const i18n = useI18n();
  const statement = useQuery({ queryKey: queryKeys.feeStatement(id), queryFn: () => commands.fee_statement(id) });
  const [receipt, setReceipt] = useState<ReceiptPrinted | null>(null);
  return (
    <div className="panel">
      <h2>{name}</h2>
      {statement.error ? <ErrorBanner text={errorText(i18n, statement.error)} onRetry={() => statement.refetch()} /> : null}
      {statement.data ? <StatementView statement={statement.data} family onReceipt={setReceipt} /> : statement.isLoading ? <Spinner /> : null}
      {receipt ? <ReceiptCard receipt={receipt} /> : null}
    </div>
  );
}
