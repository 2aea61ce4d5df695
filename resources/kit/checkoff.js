// The check-off kit's script (printing/checkoff_kit.py puts it, the style and the batch into one HTML file).
// No network, no external resource: the file's Content-Security-Policy forbids them.
"use strict";
(function () {
  const kit = JSON.parse(document.getElementById("kit-data").textContent);
  const byCode = new Map(kit.lines.map((line, index) => [line.code, Object.assign({ number: index + 1 }, line)]));
  const storageKey = "packline-kit:" + kit.batch + ":" + kit.version + ":" + kit.manifest_sha256;
  // Timing of a USB scanner as the station reads it (ui/scan_bursts.py): characters at most MAX_GAP ms apart;
  // a pause of up to JOIN ms inside a run of MIN_RUN digits is waited out; the same code again within REPEAT ms
  // of the end of a scan is the scanner reading twice.
  const MAX_GAP = 50, JOIN = 300, MIN_RUN = 4, REPEAT = 150, IDLE = 200, CODE_LENGTH = 18;
  const KIND_TEXT = { "2": "kind_letter", "3": "kind_carton", "4": "kind_batch", "9": "kind_command" };

  let language = kit.language;
  let hashOk = null;
  let state = load();
  let finishArmed = false;
  let lastScan = { code: "", at: -1e9 };
  let current = "";
  let message = { key: "scan_prompt", params: {}, tone: "info" };

  // -- texts -------------------------------------------------------------------------------------------------

  function tr(key, params) {
    const text = (kit.texts[language] || kit.texts.en)[key] || key;
    return text.replace(/\{(\w+)\}/g, (all, name) => (params && name in params ? String(params[name]) : all));
  }

  function byId(id) { return document.getElementById(id); }

  function translatePage() {
    document.documentElement.lang = language;
    document.title = tr("title", { batch: kit.batch, version: kit.version });
    byId("title").textContent = document.title;
    const details = [tr("campaign", { campaign: kit.campaign })];
    if (kit.handed_over || kit.place) details.push(tr("handed_over", { date: kit.handed_over, place: kit.place }));
    byId("subtitle").textContent = details.join(" · ");
    document.querySelectorAll("[data-text]").forEach((element) => { element.textContent = tr(element.dataset.text); });
    document.querySelectorAll("button.lang").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.lang === language));
    });
    byId("search").placeholder = tr("search");
    byId("receiver").placeholder = tr("checked_by_hint");
    showHash();
    showMessage();
    render();
  }

  // -- progress, kept as it happens ------------------------------------------------------------------------------

  function load() {
    const empty = { marks: {}, extras: {}, receiver: "", finished: null };
    try {
      const saved = JSON.parse(window.localStorage.getItem(storageKey) || "null");
      return saved && typeof saved === "object" && saved.marks ? Object.assign(empty, saved) : empty;
    } catch (error) {
      return empty;
    }
  }

  function save() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
      byId("storage-state").hidden = true;
    } catch (error) {
      byId("storage-state").textContent = tr("storage_bad");
      byId("storage-state").hidden = false;
    }
  }

  function now() { return new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"); }

  function clock(iso) {
    const moment = new Date(iso);
    return isNaN(moment) ? iso : moment.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
  }

  // -- the manifest hash ------------------------------------------------------------------------------------------

  async function sha256(text) {
    const digest = await window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  async function checkHash() {
    if (!(window.crypto && window.crypto.subtle)) { hashOk = "unavailable"; showHash(); return; }
    const codes = kit.lines.map((line) => line.code).sort();
    const counted = codes.length === kit.count && new Set(codes).size === codes.length;
    hashOk = counted && (await sha256(codes.join("\n"))) === kit.manifest_sha256;
    showHash();
  }

  function showHash() {
    byId("hash-value").textContent = kit.manifest_sha256.replace(/(.{8})/g, "$1 ").trim();
    const element = byId("hash-state");
    const [key, tone] = hashOk === null ? ["hash_checking", "warn"] : hashOk === "unavailable"
      ? ["hash_unavailable", "warn"] : hashOk ? ["hash_ok", "ok"] : ["hash_bad", "bad"];
    element.textContent = tr(key);
    element.className = "state " + tone;
  }

  // Format 2 (models/handover/seal.py) hashes each line's code, list number and name; format 1 the codes alone.
  function linesText() {
    return kit.lines.map((line) => line.code + "\t" + line.list_number + "\t" + line.name.normalize("NFC"))
      .sort().join("\n");
  }

  async function checkManifestQr(digits) {
    const batch = digits.slice(1, 19), version = Number(digits.slice(19, 22)), count = Number(digits.slice(22, 28));
    const hash = BigInt(digits.slice(28)).toString(16).padStart(64, "0");
    const element = byId("qr-state");
    element.hidden = false;
    if (digits.startsWith("2") && !(window.crypto && window.crypto.subtle)) {
      element.textContent = tr("hash_unavailable");
      element.className = "state warn";
      return;
    }
    const expected = digits.startsWith("1") ? kit.manifest_sha256 : await sha256(linesText());
    const same = batch === kit.batch && version === kit.version && count === kit.count && hash === expected;
    element.textContent = tr(same ? "qr_ok" : "qr_bad", { batch, version, count, hash: hash.slice(0, 8) });
    element.className = "state " + (same ? "ok" : "bad");
    say(same ? "qr_ok" : "qr_bad", { batch, version, count, hash: hash.slice(0, 8) }, same ? "ok" : "bad");
  }

  // -- what a scan does -------------------------------------------------------------------------------------------

  function checkDigit(body) {
    let sum = 0;
    for (let index = 0; index < body.length; index += 1) {
      sum += Number(body[body.length - 1 - index]) * (index % 2 === 0 ? 3 : 1);
    }
    return String((10 - (sum % 10)) % 10);
  }

  function normalise(text) {
    const plain = text.replace(/^\]C1/, "").replace(/^\]Q1/, "").replace(/\x1d/g, "");
    return plain.length === CODE_LENGTH + 2 && plain.startsWith("00") ? plain.slice(2) : plain;
  }

  // A scan updates the message at once and the table just after: rebuilding 2,000 rows inside the key handler
  // would hold up the keys of the next scan (a scanner reading twice is ~100 ms behind).
  let renderPending = false;
  function renderSoon() {
    if (renderPending) return;
    renderPending = true;
    window.setTimeout(() => { renderPending = false; render(); }, 0);
  }

  function handleCode(raw, startedAt, endedAt) {
    const code = normalise(raw);
    if (code.length === kit.qr_length && /^[12]/.test(code)) { checkManifestQr(code); return; }
    if (code.length !== CODE_LENGTH) {
      const product = [8, 12, 13, 14].includes(code.length);
      refuse(product ? "not_ours" : "bad_length", { code, digits: code.length });
      return;
    }
    if (checkDigit(code.slice(0, -1)) !== code.slice(-1)) { refuse("bad_check", { code: grouped(code) }); return; }
    if (code[0] !== "1") {
      const kind = KIND_TEXT[code[0]];
      if (kind) refuse("not_package", { code: grouped(code), kind: tr(kind) });
      else refuse("not_ours", { code: grouped(code) });
      return;
    }
    const repeated = code === lastScan.code && startedAt - lastScan.at <= REPEAT;
    lastScan = { code, at: endedAt };
    if (repeated) { say("twice", { code: grouped(code) }, "warn"); return; }
    const line = byCode.get(code);
    if (!line) { recordExtra(code); return; }
    current = code;
    const mark = state.marks[code];
    if (mark) {
      say("again", { code: grouped(code), time: clock(mark.at), name: line.name }, "warn", code);
      renderSoon();
      return;
    }
    state.marks[code] = { status: "received", cause: "scanned", note: "", at: now(), user: receiver() };
    save();
    say("ok_received", { code: grouped(code), name: line.name }, "ok", code);
    beep(true);
    renderSoon();
  }

  function recordExtra(code) {
    if (state.extras[code]) { say("extra_again", { code: grouped(code) }, "warn"); beep(false); return; }
    state.extras[code] = { note: "", at: now(), user: receiver() };
    save();
    say("extra_scan", { code: grouped(code) }, "warn");
    beep(false);
    renderSoon();
  }

  function grouped(code) {
    return code.length === CODE_LENGTH ? [code[0], code.slice(1, 8), code.slice(8, 17), code.slice(17)].join(" ") : code;
  }

  function refuse(key, params) { say(key, params, "bad"); beep(false); }

  function receiver() { return byId("receiver").value.trim().slice(0, 100); }

  function say(key, params, tone, code) {
    message = { key, params, tone, code: code || "" };
    showMessage();
  }

  function showMessage() {
    const element = byId("message");
    element.textContent = tr(message.key, message.params);
    element.className = "message " + message.tone;
    byId("scan").className = "panel " + message.tone;
    const mark = message.code && state.marks[message.code];
    byId("message-actions").hidden = !(mark && mark.status === "received");
  }

  let audio = null;
  function beep(good) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const tone = audio.createOscillator(), gain = audio.createGain();
      tone.frequency.value = good ? 880 : 220;
      tone.type = good ? "sine" : "square";
      gain.gain.value = 0.15;
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + (good ? 0.12 : 0.45));
    } catch (error) {
      // A browser without sound still shows the colour and the words.
    }
  }

  // -- marking by hand ----------------------------------------------------------------------------------------------

  let editing = "";

  function markReceived(code) {
    state.marks[code] = { status: "received", cause: "ticked", note: "", at: now(), user: receiver() };
    save();
    current = code;
    say("ok_received", { code: grouped(code), name: byCode.get(code).name }, "ok", code);
    render();
  }

  function markDamaged(code, note) {
    state.marks[code] = { status: "damaged", cause: "marked_damaged", note: note.slice(0, 500), at: now(),
                          user: receiver() };
    save();
    editing = "";
    current = code;
    say("ok_marked", { code: grouped(code), name: byCode.get(code).name }, "warn", code);
    render();
  }

  function undo(code) {
    delete state.marks[code];
    save();
    say("ok_undone", { code: grouped(code) }, "info");
    render();
  }

  // -- the table ------------------------------------------------------------------------------------------------------

  function fold(text) {
    return text.toLocaleLowerCase().normalize("NFC").replace(/['ʼ’`]/g, "").replace(/ё/g, "е");
  }

  function matches(line, words, digits) {
    if (!words.length) return true;
    if (digits && (line.list_number === digits || line.code === digits || line.code.endsWith(digits))) return true;
    const haystack = fold([line.name, line.latin, line.spellings, line.list_number].join(" ")).split(/[^\p{L}\p{N}]+/u);
    return words.every((word) => haystack.some((part) => part.startsWith(word)));
  }

  function cell(row, text, className) {
    const element = document.createElement("td");
    if (className) element.className = className;
    element.textContent = text;
    row.appendChild(element);
    return element;
  }

  function button(parent, key, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = tr(key);
    element.addEventListener("click", action);
    parent.appendChild(element);
    return element;
  }

  function statusText(mark) {
    if (!mark) return tr("not_checked");
    return mark.note ? tr(mark.status) + ": " + mark.note : tr(mark.status);
  }

  function render() {
    const query = fold(byId("search").value.trim());
    const words = query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const digits = /^[0-9 ]+$/.test(query) ? normalise(query.replace(/ /g, "")) : "";
    const onlyOpen = byId("only-open").checked;
    const body = byId("rows");
    body.dataset.search = byId("search").value; // what the rows shown were filtered by
    const rows = document.createDocumentFragment();
    let counts = { received: 0, damaged: 0 };
    for (const line of byCode.values()) {
      const mark = state.marks[line.code];
      if (mark) counts[mark.status] += 1;
      if ((onlyOpen && mark) || !matches(line, words, digits)) continue;
      const row = document.createElement("tr");
      row.dataset.code = line.code;
      row.className = (mark ? mark.status : "open") + (line.code === current ? " current" : "");
      cell(row, String(line.number));
      cell(row, line.list_number);
      const name = cell(row, line.name, "name");
      if (line.latin) {
        const latin = document.createElement("div");
        latin.className = "latin";
        latin.textContent = line.latin;
        name.appendChild(latin);
      }
      cell(row, line.birth_date ? line.birth_date.split("-").reverse().join(".") : "");
      cell(row, line.place);
      cell(row, line.carton);
      cell(row, grouped(line.code), "code");
      cell(row, statusText(mark), "status");
      const actions = cell(row, "", "actions");
      if (editing === line.code) {
        const note = document.createElement("input");
        note.type = "text";
        note.maxLength = 500;
        note.placeholder = tr("note_prompt");
        note.className = "note";
        actions.appendChild(note);
        button(actions, "save", () => markDamaged(line.code, note.value.trim()));
        button(actions, "cancel", () => { editing = ""; render(); });
        window.setTimeout(() => note.focus(), 0);
      } else {
        if (!mark) button(actions, "mark_received", () => markReceived(line.code)).className = "received";
        if (!mark || mark.status === "received") {
          button(actions, "mark_damaged", () => { editing = line.code; render(); }).className = "damaged";
        }
        if (mark) button(actions, "undo", () => undo(line.code)).className = "undo";
      }
      rows.appendChild(row);
    }
    body.replaceChildren(rows);
    const done = counts.received + counts.damaged;
    byId("count-received").textContent = counts.received;
    byId("count-damaged").textContent = counts.damaged;
    byId("count-open").textContent = kit.count - done;
    byId("count-extra").textContent = Object.keys(state.extras).length;
    byId("progress").textContent = tr("progress", { done, total: kit.count });
    byId("bar-fill").style.width = (kit.count ? (100 * done) / kit.count : 100) + "%";
    renderExtras();
  }

  function renderExtras() {
    const list = byId("extra-list");
    const items = document.createDocumentFragment();
    const codes = Object.keys(state.extras);
    if (!codes.length) {
      const item = document.createElement("li");
      item.textContent = tr("no_extras");
      items.appendChild(item);
    }
    for (const code of codes) {
      const item = document.createElement("li");
      item.dataset.code = code;
      item.textContent = grouped(code) + " ";
      button(item, "undo", () => { delete state.extras[code]; save(); render(); });
      items.appendChild(item);
    }
    list.replaceChildren(items);
  }

  // -- finishing: the receipt and the summary ---------------------------------------------------------------------

  function canonical(value) {
    // JSON as Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) writes it, so the
    // hub recomputes the same content SHA-256 (models/handover/receipt_files.py).
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map((key) => JSON.stringify(key) + ":" + canonical(value[key])).join(",")
        + "}";
    }
    return JSON.stringify(value);
  }

  function receiptPackages() {
    const packages = [];
    const who = receiver();
    for (const line of kit.lines) {
      const mark = state.marks[line.code];
      packages.push(mark
        ? { code: line.code, status: mark.status, cause: mark.cause, note: mark.note, user: mark.user || who, at: mark.at }
        : { code: line.code, status: "missing", cause: "not_checked_in", note: "", user: who, at: "" });
    }
    for (const [code, extra] of Object.entries(state.extras)) {
      packages.push({ code, status: "extra", cause: "not_on_manifest", note: extra.note, user: extra.user || who,
                      at: extra.at });
    }
    return packages;
  }

  async function finish() {
    const element = byId("finish-state");
    element.hidden = false;
    if (hashOk !== true) { element.textContent = tr("finish_blocked"); element.className = "state bad"; return; }
    if (!receiver()) {
      element.textContent = tr("finish_name");
      element.className = "state bad";
      byId("receiver").focus();
      return;
    }
    const open = kit.lines.filter((line) => !state.marks[line.code]).length;
    if (open && !finishArmed) {
      finishArmed = true;
      element.textContent = tr("finish_confirm", { count: open });
      element.className = "state warn";
      return;
    }
    finishArmed = false;
    const packages = receiptPackages();
    const receipt = {
      format: kit.receipt.format, format_version: kit.receipt.format_version, campaign: kit.campaign,
      batch: kit.batch, version: kit.version, manifest_sha256: kit.manifest_sha256,
      station: tr("kit_station") + ": " + receiver(), exported_at: now(), count: packages.length, packages,
    };
    receipt.content_sha256 = await sha256(canonical(receipt));
    const file = "receipt-" + kit.batch + "-v" + kit.version + ".json";
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(receipt, null, 1) + "\n"], { type: "application/json" }));
    link.download = file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    state.finished = { at: receipt.exported_at, file, sha256: receipt.content_sha256 };
    state.receiver = receiver();
    save();
    element.textContent = tr("finish_done", { file });
    element.className = "state ok";
    showSummary(packages);
  }

  function showSummary(packages) {
    const count = (status) => packages.filter((entry) => entry.status === status).length;
    byId("summary-title").textContent = tr("summary_title", { batch: kit.batch, version: kit.version });
    byId("summary-campaign").textContent = byId("subtitle").textContent;
    byId("summary-counts").textContent = tr("summary_counts", {
      total: kit.count, received: count("received"), damaged: count("damaged"), missing: count("missing"),
      extra: count("extra"),
    });
    const lists = document.createDocumentFragment();
    for (const [status, key] of [["missing", "summary_missing"], ["damaged", "summary_damaged"],
                                 ["extra", "summary_extra"]]) {
      const entries = packages.filter((entry) => entry.status === status);
      if (!entries.length) continue;
      const title = document.createElement("h2");
      title.textContent = tr(key);
      const list = document.createElement("ul");
      for (const entry of entries) {
        const item = document.createElement("li");
        const line = byCode.get(entry.code);
        item.textContent = [grouped(entry.code), line ? line.list_number + " " + line.name : "", entry.note]
          .filter(Boolean).join(" · ");
        list.appendChild(item);
      }
      lists.append(title, list);
    }
    byId("summary-lists").replaceChildren(lists);
    byId("summary-hash").textContent = tr("summary_hash", { hash: state.finished ? state.finished.sha256 : "" });
    byId("summary").hidden = false;
  }

  // -- the scanner: physical keys, timed ----------------------------------------------------------------------------

  let burst = null; // { digits, times, field, before, fast }
  let idleTimer = 0;
  let prefixLeft = 0;

  function digitOf(event) {
    const found = /^(?:Digit|Numpad)([0-9])$/.exec(event.code || "");
    return found ? found[1] : null;
  }

  function isField(target) {
    return target instanceof HTMLInputElement && target.type !== "checkbox" || target instanceof HTMLTextAreaElement;
  }

  function scannerSpeed(times) {
    let run = 1;
    for (let index = 1; index < times.length; index += 1) {
      const gap = times[index] - times[index - 1];
      if (gap <= MAX_GAP) run += 1;
      else if (gap <= JOIN && run >= MIN_RUN) run = MIN_RUN;
      else return false;
    }
    return times.length >= 6;
  }

  function endBurst(event, at) {
    const done = burst;
    burst = null;
    window.clearTimeout(idleTimer);
    if (!done) return false;
    const fast = scannerSpeed(done.times) && at - done.times[done.times.length - 1] <= JOIN;
    if (done.field && !fast) return false; // typing into a field: the field keeps it
    if (event) event.preventDefault();
    if (done.field) {
      done.field.value = done.before; // a scan read while a field had focus is a scan, not typing
      done.field.dispatchEvent(new Event("input"));
    }
    handleCode(done.digits, done.times[0], done.times[done.times.length - 1]);
    return true;
  }

  function onIdle() {
    if (!burst) return;
    const fast = scannerSpeed(burst.times);
    if (fast && [8, 12, 13, 14, 18, 20, kit.qr_length].includes(burst.digits.length)) { endBurst(null, performance.now()); return; }
    if (fast && !burst.field) { refuse("broken", { code: burst.digits }); burst = null; return; }
    if (!fast && burst.times.length >= MIN_RUN) return; // typed by hand: waits for Enter
    if (burst.field) burst = null;
  }

  function onKey(event) {
    // When the key was pressed, not when the page got round to it: a busy page must not split a scan.
    const at = event.timeStamp > 0 ? event.timeStamp : performance.now();
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (["Shift", "CapsLock", "NumLock"].includes(event.key)) return;
    const target = event.target;
    const field = isField(target) ? target : null;
    if (event.code === "BracketRight" && !burst) { prefixLeft = 2; if (!field) event.preventDefault(); return; }
    if (prefixLeft > 0 && event.code !== "Enter" && event.code !== "NumpadEnter") {
      prefixLeft -= 1;
      if (!field) event.preventDefault();
      return;
    }
    if (event.code === "Enter" || event.code === "NumpadEnter" || event.key === "Enter" || event.code === "Tab") {
      if (burst) endBurst(event, at);
      return;
    }
    const digit = digitOf(event);
    if (digit === null) {
      if (burst && !field) { refuse("broken", { code: burst.digits }); }
      burst = null;
      return;
    }
    if (burst && at - burst.times[burst.times.length - 1] > JOIN) {
      // A pause longer than any scanner's: a scan broken off is refused; typing in a field starts anew; a code
      // typed by hand outside a field goes on.
      if (burst.field) burst = null;
      else if (scannerSpeed(burst.times)) { refuse("broken", { code: burst.digits }); burst = null; }
    }
    if (!burst) burst = { digits: "", times: [], field, before: field ? field.value : "" };
    burst.digits += digit;
    burst.times.push(at);
    if (!field) event.preventDefault();
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(onIdle, IDLE);
  }

  // -- wiring ---------------------------------------------------------------------------------------------------------

  document.addEventListener("keydown", onKey, true);
  document.querySelectorAll("button.lang").forEach((element) => {
    element.addEventListener("click", () => { language = element.dataset.lang; translatePage(); });
  });
  let size = 20;
  const resize = (step) => {
    size = Math.max(14, Math.min(36, size + step));
    document.documentElement.style.setProperty("--size", size + "px");
  };
  byId("smaller").addEventListener("click", () => resize(-2));
  byId("larger").addEventListener("click", () => resize(2));
  // The table is filtered once typing pauses: filtering 2,000 rows on every key would slow the keys down, and
  // a scan read while the search box has focus must keep its scanner timing.
  let searchTimer = 0;
  byId("search").addEventListener("input", () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(render, 150);
  });
  byId("only-open").addEventListener("change", render);
  byId("receiver").value = state.receiver;
  byId("receiver").addEventListener("change", () => { state.receiver = receiver(); save(); });
  byId("message-damaged").addEventListener("click", () => { editing = message.code; render(); });
  byId("finish-button").addEventListener("click", finish);
  byId("print-button").addEventListener("click", () => window.print());
  translatePage();
  const done = Object.keys(state.marks).length;
  if (done) say("resumed", { done, total: kit.count }, "info");
  if (state.finished) showSummary(receiptPackages());
  checkHash().then(render);
}());
