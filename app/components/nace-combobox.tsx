/**
 * The NACE code field. Server-rendered it is a text input (the page's GET search form finds codes without
 * JavaScript); once hydrated it becomes a combobox asking the same search (the company page's loader, through
 * a fetcher) as the user types — the NACE tables stay on the server.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { fieldId } from "../utils/form-data";
import { errorsOf, inputValue, useFormState } from "./form-context";

interface SearchData {
  search?: { results: { code: string; title: string }[] };
}

export function NaceField({ name, label, help, searchPath }: { name: string; label: string; help: string; searchPath: string }) {
  const state = useFormState();
  const id = fieldId(name);
  const listId = useId();
  const messages = errorsOf(state, name);
  const [hydrated, setHydrated] = useState(false);
  const [text, setText] = useState(() => inputValue(state, name));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => setHydrated(true), []);
  const search = useFetcher<SearchData>();
  const query = text.trim();
  useEffect(() => {
    if (!hydrated || !open || query.length < 2) return;
    const timer = setTimeout(() => search.load(`${searchPath}?${new URLSearchParams({ "nace-search": query })}`), 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `search` changes identity on every load
  }, [hydrated, open, query]);
  const matches = query.length < 2 ? [] : (search.data?.search?.results ?? []).slice(0, 8);
  const expanded = open && matches.length > 0;
  const choose = (code: string) => {
    setText(code);
    setOpen(false);
  };
  const described = [`${id}-help`, messages.length > 0 ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={`field nace-field${messages.length > 0 ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-help`} className="help">
        {help}
      </p>
      {messages.length > 0 ? (
        <p id={`${id}-error`} className="field-error">
          {messages.join(" ")}
        </p>
      ) : null}
      <div className="combobox">
        <input
          id={id}
          name={name}
          type="text"
          autoComplete="off"
          value={text}
          disabled={state.readOnly || undefined}
          aria-describedby={described}
          aria-invalid={messages.length > 0 || undefined}
          {...(hydrated
            ? {
                role: "combobox",
                "aria-expanded": expanded,
                "aria-controls": listId,
                "aria-autocomplete": "list" as const,
                "aria-activedescendant": expanded ? `${listId}-${active}` : undefined,
              }
            : {})}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(event) => {
            if (!expanded) return;
            if (event.key === "ArrowDown") setActive((i) => Math.min(i + 1, matches.length - 1));
            else if (event.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
            else if (event.key === "Enter") choose(matches[active]!.code);
            else if (event.key === "Escape") setOpen(false);
            else return;
            event.preventDefault();
          }}
        />
        {hydrated ? (
          <ul id={listId} role="listbox" className="combobox-list" hidden={!expanded} aria-label="Matching NACE classes">
            {matches.map((code, index) => (
              <li
                key={code.code}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(code.code);
                }}
              >
                <strong>{code.code}</strong> {code.title}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
