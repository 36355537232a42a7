// Renders a piece of the UI as the app does: a fresh query cache (nothing
// carried between tests), the language, and the toasts.
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { ReactNode } from "react";
import { ToastProvider } from "../components/ui";
import { I18nContext, Lang, makeI18n } from "../i18n";
import { makeQueryClient } from "../queries";

export function wrap(node: ReactNode, lang: Lang = "en") {
  return render(
    <QueryClientProvider client={makeQueryClient()}>
      <I18nContext.Provider value={makeI18n(lang, () => {})}>
        <ToastProvider>{node}</ToastProvider>
      </I18nContext.Provider>
    </QueryClientProvider>,
  );
}
