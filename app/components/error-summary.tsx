/** The list of problems at the top of a failed form, each linking to its field. */
import { forwardRef } from "react";
import { fieldId } from "../utils/form-data";

export const ErrorSummary = forwardRef<
  HTMLDivElement,
  { errors: Record<string, string[]>; labelFor: (name: string) => string; title?: string }
>(function ErrorSummary({ errors, labelFor, title = "There is a problem" }, ref) {
  const entries = Object.entries(errors).filter(([, messages]) => messages.length > 0);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref} data-testid="error-summary">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {entries.flatMap(([name, messages]) =>
          messages.map((message, index) => (
            <li key={`${name}-${index}`}>
              {name === "" ? (
                message
              ) : (
                <a href={`#${fieldId(name)}`}>
                  {labelFor(name)}: {message}
                </a>
              )}
            </li>
          )),
        )}
      </ul>
    </div>
  );
});
