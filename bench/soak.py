#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# soak.py: many teachers at once on one `dapter serve`, over the real OpenSSH
# client, for a while; then whether the journal kept every acknowledged mark.
# Run by bench/soak.sh (figures) and tests/server/soak.sh (the checks as TAP).
#
# The load: SOAK_EXEC writers loop on `ssh LOGIN@host marks import < CSV`,
# and a few journal editors over `ssh -t` in tmux type marks into grids, on
# overlapping pages:
#   7 Ә Алгебра      aigerim types in the editor; a substitute (sub1) has it
#                    open read-only; aigerim's imports go in, sub1's are refused
#   8 Б Алгебра      aigerim's second editor types; the head (zaure) watches
#   7 Ә Информатика  olga types; a substitute (sub4) watches; sub4's imports
#                    are refused
#   7 Ә Қазақ әдеб.  marat types; his imports go in
#   8 Б Информатика, 8 Б Русский язык: no editor; the teacher's and a
#                    substitute's imports share the page, and each import also
#                    names a date with no lesson yet (the first one adds it)
# Each writer owns its cells (one pupil, its lesson columns) and writes
# 1, 2, ..., 10, 1, ...: consecutive writes differ, so every acknowledged one
# must leave exactly one audit record, and the last one must be in the table.
#
# Output: "CHECK 0|1 description" lines (0 = held), "  detail" lines, and
# "soak: ..." figures. Exit 0 when every check held, 1 if not.
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import procmem  # noqa: E402

DAPTER = os.environ["DAPTER"]
SECONDS = float(os.environ.get("DAPTER_SOAK_SECONDS", "20"))
KEEP = os.environ.get("KEEP")
ENV = dict(os.environ, DAPTER_TODAY="2026-11-23", LC_ALL="C.UTF-8", LANG="C.UTF-8")
ENV.pop("DAPTER_LANG", None)
ENV.pop("TMUX", None)

UI_DAY = "2026-11-27"           # the editors' column
EXEC_DAY = "2026-11-25"         # the writers' column
NEW_DAY = "2026-11-26"          # added by the first import on the shared pages
BUSY = ("database is locked", "journal is busy", "SQLITE_BUSY")

tmp = tempfile.mkdtemp(prefix="dapter-soak.")
db = os.path.join(tmp, "school.db")
sock = "dapter-soak-%d" % os.getpid()
lock = threading.Lock()
checks = []
figures = []


def check(ok, desc, details=()):
    checks.append((ok, desc, list(details)))


def d(*args, stdin=None):
    r = subprocess.run([DAPTER, "--db", db] + list(args), input=stdin, cwd=tmp, env=ENV,
                       capture_output=True)
    if r.returncode != 0:
        sys.stderr.write("soak: dapter %s: %s" % (" ".join(args), r.stderr.decode()))
        sys.exit(1)
    return r.stdout.decode()


def tm(*args):
    return subprocess.run(["tmux", "-u", "-L", sock, "-f", "/dev/null"] + list(args),
                          env=ENV, capture_output=True).stdout.decode()


def screen(name):
    return tm("capture-pane", "-p", "-t", "=%s:" % name).split("\n")


def pct(xs, q):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


# ---- the school ----
class Page:
    def __init__(self, cls, subj, period):
        self.cls, self.subj, self.period = cls, subj, period
        self.pupils = []        # (id, full name) in the journal's order
        self.lesson = {}        # date -> lesson id

    def __repr__(self):
        return "%s %s" % (self.cls, self.subj)


d("demo", "--no-serve")
pages = {
    "alg7": Page("7 Ә", "Алгебра", "2026-q2"),
    "alg8": Page("8 Б", "Алгебра", "2026-q2"),
    "inf7": Page("7 Ә", "Информатика", "2026-h1"),
    "kaz7": Page("7 Ә", "Қазақ әдебиеті", "2026-q2"),
    "inf8": Page("8 Б", "Информатика", "2026-h1"),
    "rus8": Page("8 Б", "Русский язык", "2026-q2"),
}
subs = {"sub1": "alg7", "sub2": "inf8", "sub3": "rus8", "sub4": "inf7"}
for login, key in subs.items():
    p = pages[key]
    d("user", "add", login, "--name", "Substitute " + login[-1], "--role", "teacher",
      "--password-stdin", stdin=b"substitute-pass\n")
    d("assign", login, p.cls, p.subj)
for key, p in pages.items():
    for day in (UI_DAY, EXEC_DAY):
        p.lesson[day] = int(d("lesson", "add", p.cls, p.subj, day).strip())
    for line in d("marks", "export", p.cls, p.subj).split("\n")[2:]:
        if line:
            f = line.split(",")
            p.pupils.append((int(f[0]), f[1]))
keys = {}
for login in ["aigerim", "olga", "marat", "zaure"] + list(subs):
    k = os.path.join(tmp, "key-" + login)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", k], check=True)
    d("user", "key", "add", login, k + ".pub")
    keys[login] = k

s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
serve_log = open(os.path.join(tmp, "serve.log"), "w")
serve_out = open(os.path.join(tmp, "serve.out"), "w")
# A long login grace: under ASan and a loaded CI machine a key exchange may
# take longer than the default 30 s, and the soak is not about that limit.
srv = subprocess.Popen([DAPTER, "--db", db, "serve", "--listen", "127.0.0.1", "--port",
                        str(port), "--max-sessions", "100", "--login-grace", "120"],
                       env=ENV, stdout=serve_out, stderr=serve_log)
for _ in range(300):
    if "Serving" in open(os.path.join(tmp, "serve.out")).read():
        break
    time.sleep(0.1)
else:
    sys.stderr.write("soak: the server did not start\n")
    sys.exit(1)


def ssh_argv(login, tty=False):
    return ["ssh", "-tt" if tty else "-T", "-p", str(port), "-F", "/dev/null",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
            "-o", "PasswordAuthentication=no", "-o", "ConnectTimeout=60",
            "-i", keys[login], login + "@127.0.0.1"]


# ---- the journal editors (tmux, ssh -t) ----
class Editor:
    def __init__(self, name, login, page, role):
        self.name, self.login, self.page, self.role = name, login, page, role
        self.opened = False
        self.acked = {}         # pupil index -> last value seen on screen
        self.changes = {}       # pupil index -> acknowledged changes
        self.lat = []
        self.errors = []
        self.refusals = 0
        self.tries = 0
        self.busy = []
        self.notes = []

    def start(self):
        cmd = " ".join("'%s'" % a for a in ssh_argv(self.login, tty=True))
        tm("new-session", "-d", "-s", self.name, "-x", "100", "-y", "30",
           "env TERM=xterm-256color %s; echo EXITED $?; sleep 600" % cmd)

    def wait(self, pred, seconds):
        end = time.monotonic() + seconds
        while True:
            scr = screen(self.name)
            for line in scr:
                if any(b in line for b in BUSY):
                    self.busy.append(line)
            if pred(scr):
                return scr
            if time.monotonic() > end:
                return None
            time.sleep(0.02)

    def open(self):
        p = self.page
        resume = "still open. Resume it?"
        scr = self.wait(lambda s: "My journals" in s[0] or any(resume in l for l in s), 90)
        if scr is not None and any(resume in l for l in scr):
            # Her other editor is running: this login starts a journal of its own.
            tm("send-keys", "-t", "=%s:" % self.name, "n")
            scr = self.wait(lambda s: "My journals" in s[0], 30)
            if scr is None:
                # Seen under load: the new journal's first frame misses its
                # title row until a redraw.
                self.notes.append("the home screen needed C-l after declining to resume")
                tm("send-keys", "-t", "=%s:" % self.name, "C-l")
                scr = self.wait(lambda s: "My journals" in s[0], 30)
        if scr is None:
            self.errors.append("no home screen: " + " | ".join(screen(self.name)[:3]))
            return
        # On a day with timetabled lessons the rows have a gutter of lesson numbers.
        row = re.compile(r"^ *(?:(?:2\.)?\d +)?%s +%s( |$)" % (re.escape(p.cls),
                                                             re.escape(p.subj)))

        def listed(s):
            return "My journals" in s[0] and any(row.match(l) for l in s[2:])
        # Under load the title can arrive a frame before the rows: wait for the row.
        scr = self.wait(listed, 30) or scr
        names = [l for l in scr[2:] if l.strip()]
        idx = [i for i, l in enumerate(names) if row.match(l)]
        if not idx:
            self.errors.append("%s is not on the home screen" % p)
            return
        for _ in range(idx[0]):
            tm("send-keys", "-t", "=%s:" % self.name, "Down")
        tm("send-keys", "-t", "=%s:" % self.name, "Enter")
        title = "%s · %s · " % (p.cls, p.subj)
        scr = self.wait(lambda s: s[0].startswith(title), 60)
        if scr is None:
            self.errors.append("the page did not open: " + screen(self.name)[0])
            return
        ro = "read-only" in scr[0]
        if (self.role == "owner") == ro:
            self.errors.append("title: " + scr[0].rstrip())
            return
        if self.role == "owner":
            # To the last column, UI_DAY. Not End: tmux sends it as \e[4~, which
            # curses under TERM=xterm does not know, and its Esc means back.
            tm("send-keys", "-t", "=%s:" % self.name, *(["Right"] * 40))
        elif not self.wait(lambda s: any("Being edited by" in l for l in s), 60):
            self.errors.append("the holder is not named: " + " | ".join(screen(self.name)))
            return
        self.opened = True

    def cell(self, scr, row):
        """The text of the UI_DAY cell of pupil `row`, or None."""
        ms = list(re.finditer(r"\b%s\b" % UI_DAY[-2:], scr[2])) if len(scr) > 2 else []
        m = ms[-1] if ms else None     # the last: an earlier month may show a 27 too
        if m is None or len(scr) <= 3 + row:
            return None
        return scr[3 + row][m.end() - 3:m.end()].strip()

    def type_marks(self, until):
        n = len(self.page.pupils)
        while time.monotonic() < until and not self.errors:
            # A capture can catch a frame half drawn (a busy machine): wait for the cursor.
            def cursor_rows(s):
                return [i for i in range(n) if len(s) > 3 + i and s[3 + i].startswith(">")]
            scr = self.wait(lambda s: cursor_rows(s), 10)
            if scr is None:
                self.errors.append("no cursor: " + " | ".join(screen(self.name)[:6]))
                break
            rows = cursor_rows(scr)
            row = rows[0]
            if row == n - 1 and row in self.acked:
                tm("send-keys", "-t", "=%s:" % self.name, "PageUp")
                self.wait(lambda s: s[3].startswith(">"), 10)
                continue
            v = self.acked.get(row, 0) % 9 + 1
            t0 = time.monotonic()
            tm("send-keys", "-t", "=%s:" % self.name, str(v))
            if self.wait(lambda s: self.cell(s, row) == str(v), 60) is None:
                self.errors.append("pupil %d: %d never showed: %s" % (
                    row, v, screen(self.name)[3 + row]))
                break
            self.lat.append(time.monotonic() - t0)
            self.acked[row] = v
            self.changes[row] = self.changes.get(row, 0) + 1

    def press_read_only(self, until):
        while time.monotonic() < until:
            time.sleep(2)
            self.tries += 1
            tm("send-keys", "-t", "=%s:" % self.name, "5")
            if self.wait(lambda s: any("Read-only" in l for l in s), 30):
                self.refusals += 1
            # the status line clears on the next key
            tm("send-keys", "-t", "=%s:" % self.name, "Right")


editors = [
    Editor("u1", "aigerim", pages["alg7"], "owner"),
    Editor("u2", "sub1", pages["alg7"], "reader"),
    Editor("u3", "aigerim", pages["alg8"], "owner"),
    Editor("u4", "zaure", pages["alg8"], "watcher"),
    Editor("u5", "olga", pages["inf7"], "owner"),
    Editor("u6", "sub4", pages["inf7"], "reader"),
    Editor("u7", "marat", pages["kaz7"], "owner"),
]


# ---- the exec writers ----
class Writer:
    def __init__(self, login, page, row, days, expect_refusal=False):
        self.login, self.page, self.row, self.days = login, page, row, days
        self.expect_refusal = expect_refusal
        self.acked = 0
        self.last = None
        self.fails = []
        self.refused = 0
        self.lat = []
        self.busy = []
        self.turned_away = 0

    def csv(self, v):
        p = self.page
        pid, name = p.pupils[self.row]
        return ("Class,%s,Subject,%s,Subgroup,0,Period,%s\nID,Pupil,%s\n%d,%s,%s\n" % (
            p.cls, p.subj, p.period, ",".join(self.days), pid, name,
            ",".join([str(v)] * len(self.days)))).encode()

    def run(self, until, once=False):
        k = 0
        while once or time.monotonic() < until:
            once = False
            v = k % 10 + 1
            k += 1
            t0 = time.monotonic()
            while True:
                try:
                    r = subprocess.run(ssh_argv(self.login) + ["marks", "import"],
                                       input=self.csv(v), capture_output=True, timeout=120)
                    out, err, rc = r.stdout.decode(), r.stderr.decode(), r.returncode
                except subprocess.TimeoutExpired:
                    out, err, rc = "", "timed out", -1
                # Turned away before the key exchange (the server's connection
                # limit): nothing ran, so the client tries again, as people do.
                if rc != 255 or "kex_exchange_identification" not in err:
                    break
                self.turned_away += 1
                time.sleep(0.5)
            t = time.monotonic() - t0
            for b in BUSY:
                if b in out or b in err:
                    self.busy.append(err.strip() or out.strip())
            if self.expect_refusal:
                if rc == 1 and "is editing this page" in err:
                    self.refused += 1
                else:
                    self.fails.append("rc %d: %s%s" % (rc, out.strip(), err.strip()))
                continue
            if rc == 0 and out.startswith("Set %d marks" % len(self.days)):
                self.acked += 1
                self.last = v
                self.lat.append(t)
            else:
                self.fails.append("rc %d: %s%s" % (rc, out.strip(), err.strip()))


writers = []
# Pages an editor holds: her own imports go in; another teacher's are refused.
for row in range(4):
    writers.append(Writer("aigerim", pages["alg7"], 1 + row, [EXEC_DAY]))
for row in range(2):
    writers.append(Writer("sub1", pages["alg7"], 10 + row, [EXEC_DAY], True))
for row in range(3):
    writers.append(Writer("aigerim", pages["alg8"], 1 + row, [EXEC_DAY]))
for row in range(3):
    writers.append(Writer("olga", pages["inf7"], 1 + row, [EXEC_DAY]))
for row in range(2):
    writers.append(Writer("sub4", pages["inf7"], 10 + row, [EXEC_DAY], True))
for row in range(3):
    writers.append(Writer("marat", pages["kaz7"], 1 + row, [EXEC_DAY]))
# Pages nobody holds: the teacher and a substitute share them, row by row.
for row in range(11):
    writers.append(Writer("olga" if row % 2 else "sub2", pages["inf8"], row,
                          [EXEC_DAY, NEW_DAY]))
for row in range(15):
    writers.append(Writer("marat" if row % 2 else "sub3", pages["rus8"], row,
                          [EXEC_DAY, NEW_DAY]))


# ---- memory of the server's processes ----
peak = {}


def sample(stop):
    while not stop.wait(1.0):
        m = procmem.sessions(srv.pid, db)
        if m["sessions"]:
            with lock:
                if not peak or procmem.per_session(m) > procmem.per_session(peak):
                    peak.update(m)


# ---- the run ----
rc = 0
try:
    # aigerim's first editor first: her second login is then offered to
    # resume it, and declines.
    # Then the other editors, then the sessions that find their pages held.
    editors[0].start()
    editors[0].open()
    for phase in ("owner", "reader"):
        group = [e for e in editors[1:] if (e.role == "owner") == (phase == "owner")]
        for e in group:
            e.start()
        ts = [threading.Thread(target=e.open) for e in group]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    opened = [e for e in editors if e.opened]
    check(len(opened) == len(editors), "%d journal editors over ssh -t opened their pages"
          % len(editors), ["%s %s: %s" % (e.name, e.login, "; ".join(e.errors))
                           for e in editors if not e.opened])

    stop = threading.Event()
    sampler = threading.Thread(target=sample, args=(stop,))
    sampler.start()
    t_start = time.monotonic()
    until = t_start + SECONDS
    ts = [threading.Thread(target=w.run, args=(until,)) for w in writers]
    for e in opened:
        if e.role == "owner":
            ts.append(threading.Thread(target=e.type_marks, args=(until,)))
        elif e.role == "reader":
            ts.append(threading.Thread(target=e.press_read_only, args=(until,)))
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.monotonic() - t_start
    stop.set()
    sampler.join()

    # The watcher follows the owner's marks on its read-only page.
    owner8 = editors[2]
    watcher = editors[3]
    if watcher.opened and owner8.acked:
        got = watcher.wait(lambda s: all(watcher.cell(s, r) == str(v)
                                         for r, v in owner8.acked.items()), 30)
        check(got is not None, "the head's read-only page follows the editor's marks live",
              [] if got else screen(watcher.name)[:8])

    # ---- what the clients saw ----
    live = [w for w in writers if not w.expect_refusal]
    refused = [w for w in writers if w.expect_refusal]
    n_acked = sum(w.acked for w in live)
    fails = [(w, f) for w in live for f in w.fails]
    check(not fails and all(w.acked for w in live),
          "every import into a page the writer may change was acknowledged (%d)" % n_acked,
          ["%s %s pupil %d: %s" % (w.login, w.page, w.row, f) for w, f in fails[:8]])
    busy = [b for w in writers for b in w.busy] + [b for e in editors for b in e.busy]
    check(not busy, "no client saw \"database is locked\" or \"busy\"", busy[:8])
    check(all(w.refused and not w.fails for w in refused),
          "another teacher's imports into a page an editor holds are refused, naming her "
          "(%d refused)" % sum(w.refused for w in refused),
          ["%s %s: %d refused; %s" % (w.login, w.page, w.refused, "; ".join(w.fails[:3]))
           for w in refused if w.fails or not w.refused])
    readers = [e for e in editors if e.role == "reader" and e.opened]
    check(readers and all(e.tries and e.refusals == e.tries for e in readers),
          "a digit on a page someone else edits says Read-only",
          ["%s: %d of %d" % (e.name, e.refusals, e.tries) for e in readers])
    owners = [e for e in editors if e.role == "owner"]
    check(all(e.acked and not e.errors for e in owners),
          "the editors' marks reached their screens",
          ["%s: %s" % (e.name, "; ".join(e.errors)) for e in owners if e.errors or not e.acked])

    # ---- what the journal kept ----
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)

    def lesson_id(p, day):
        rows = con.execute("SELECT l.id FROM lesson l JOIN class c ON c.id = l.class_id"
                           " JOIN subject s ON s.id = l.subject_id WHERE s.name = ?"
                           " AND l.date = ? AND c.id = (SELECT class_id FROM lesson"
                           " WHERE id = ?)", (p.subj, day, p.lesson[EXEC_DAY])).fetchall()
        return [r[0] for r in rows]

    def cell(lesson, pupil):
        rows = con.execute("SELECT value FROM mark WHERE lesson_id = ? AND pupil_id = ?",
                           (lesson, pupil)).fetchall()
        audits = con.execute("SELECT count(*) FROM audit WHERE action = 'mark.set'"
                             " AND object LIKE ? AND object LIKE ?",
                             ("%% lesson:%d %%" % lesson, "%% pupil:%d" % pupil)).fetchone()[0]
        return [r[0] for r in rows], audits

    lost, dup, extra = [], [], []
    for key in ("inf8", "rus8"):
        ids = lesson_id(pages[key], NEW_DAY)
        if len(ids) != 1:
            dup.append("%s: %d lessons on %s, wanted 1" % (pages[key], len(ids), NEW_DAY))
        else:
            pages[key].lesson[NEW_DAY] = ids[0]
    for w in writers:
        pid = w.page.pupils[w.row][0]
        for day in w.days:
            lesson = w.page.lesson.get(day)
            if lesson is None:
                continue
            vals, audits = cell(lesson, pid)
            want = [] if w.last is None else [w.last]
            where = "%s %s %s pupil %d" % (w.login, w.page, day, pid)
            if w.expect_refusal:
                if vals or audits:
                    extra.append("%s: refused, yet %s and %d audit records" % (where, vals,
                                                                               audits))
            elif vals != want:
                lost.append("%s: the journal has %s, the last acknowledged was %s" % (
                    where, vals, want))
            elif audits != w.acked:
                dup.append("%s: %d audit records for %d acknowledged writes" % (
                    where, audits, w.acked))
    for e in owners:
        for row, v in e.acked.items():
            pid = e.page.pupils[row][0]
            vals, audits = cell(e.page.lesson[UI_DAY], pid)
            where = "%s (%s) %s pupil %d" % (e.name, e.login, e.page, pid)
            if vals != [v]:
                lost.append("%s: the journal has %s, the screen showed %d" % (where, vals, v))
            elif audits != e.changes[row]:
                dup.append("%s: %d audit records for %d changes typed" % (
                    where, audits, e.changes[row]))
    check(not lost, "no lost update: every cell holds its last acknowledged value", lost[:8])
    check(not dup, "no duplicate: one audit record per acknowledged change, one lesson per "
          "new date", dup[:8])
    ro_writes = con.execute("SELECT count(*) FROM audit WHERE action = 'mark.set' AND"
                            " login IN ('sub1', 'sub4')").fetchone()[0]
    check(not extra and ro_writes == 0, "nothing was written by a teacher locked out of a page",
          extra[:8] + (["%d mark.set audit records by sub1/sub4" % ro_writes]
                       if ro_writes else []))
    con.close()

    # ---- the editors leave; the page is free again ----
    for e in editors:
        tm("send-keys", "-t", "=%s:" % e.name, "q", "q", "y")
    gone = [e for e in editors if e.wait(lambda s: any("EXITED 0" in l for l in s), 60)]
    check(len(gone) == len(editors), "the journal editors quit cleanly",
          ["%s: %s" % (e.name, " | ".join(l for l in screen(e.name) if l.strip())[-300:])
           for e in editors if e not in gone])
    after = Writer("sub1", pages["alg7"], 12, [EXEC_DAY])
    after.run(0, once=True)
    check(after.acked == 1, "once the editor left, the substitute's import is accepted",
          after.fails)

    srv.terminate()
    srv.wait(30)
    r = subprocess.run([DAPTER, "--db", db, "audit", "verify"], env=ENV, capture_output=True)
    check(r.returncode == 0, "the audit chain verifies after the soak",
          [(r.stdout + r.stderr).decode().strip()])
    with open(os.path.join(tmp, "serve.log")) as f:
        log = f.read()
    busy_log = [l for l in log.split("\n") if any(b in l for b in BUSY)]

    # ---- figures ----
    exec_lat = [t for w in live for t in w.lat]
    ui_lat = [t for e in owners for t in e.lat]
    n_ui = sum(len(e.lat) for e in owners)
    n_cells = sum(w.acked * len(w.days) for w in live)
    print("soak: %d sessions (%d exec writers, %d journal editors) for %.0f s"
          % (len(writers) + len(editors), len(writers), len(editors), elapsed))
    print("soak: %.1f imports/s acknowledged (%d marks/s), %.1f marks/s typed in the editors"
          % (n_acked / elapsed, n_cells / elapsed, n_ui / elapsed))
    print("soak: import latency (ssh connect to exit) p50 %.0f ms, p99 %.0f ms, max %.0f ms"
          % (pct(exec_lat, .5) * 1000, pct(exec_lat, .99) * 1000,
             max(exec_lat or [0]) * 1000))
    print("soak: editor keystroke to screen (via tmux) p50 %.0f ms, p99 %.0f ms, max %.0f ms"
          % (pct(ui_lat, .5) * 1000, pct(ui_lat, .99) * 1000, max(ui_lat or [0]) * 1000))
    if peak:
        print("soak: peak PSS " + procmem.describe(peak))
    print("soak: %d imports refused for the lock; %d connections turned away at the limit "
          "and tried again; %d lines of the server log say busy"
          % (sum(w.refused for w in refused), sum(w.turned_away for w in writers),
             len(busy_log)))
    for e in editors:
        for n in e.notes:
            print("soak: %s: %s" % (e.name, n))
finally:
    tm("kill-server")
    # A journal whose client vanished waits in its holder: end ours.
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if db.encode() in f.read() and int(pid) != os.getpid():
                    os.kill(int(pid), 15)
        except (OSError, ValueError):
            pass
    if srv.poll() is None:
        srv.terminate()
        srv.wait(30)
    if KEEP:
        print("soak: kept %s" % tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)

for ok, desc, details in checks:
    print("CHECK %d %s" % (0 if ok else 1, desc))
    for line in details:
        print("  " + str(line))
sys.exit(0 if checks and all(ok for ok, _, _ in checks) else 1)
