#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# load.py: a school's morning on one `dapter serve`, over the real OpenSSH
# client. Run by bench/load.sh (figures) and tests/server/load.sh (the checks).
#
#   1. The school, made with the CLI: LOAD_N teachers, each with a page of
#      their own (a class of 20 pupils and a subject), a lesson today.
#   2. The login storm: the N teachers log in by password (yescrypt) at
#      random moments within LOAD_STORM seconds, each over `ssh -tt` on a pty
#      of this driver, and open their page (the ramp).
#   3. LOAD_SECONDS of typing: each teacher types a mark down today's column
#      every 2 s on average (Poisson). A mark counts as echoed when the cell
#      shows it on the teacher's screen (a pyte terminal per session).
#   4. The exec storm of the soak: LOAD_WRITERS loops of `ssh ... marks
#      import` for LOAD_EXEC_SECONDS, then single execs timed piece by piece:
#      key exchange and login (ssh -v), fork, exec and start-up (`version`),
#      the database (`journal list`, `marks import` over `version`).
#   5. The checks: every echoed mark and every acknowledged import is in the
#      journal with exactly one audit record; the audit chain verifies.
#
# LOAD_CPUS=1 pins the server and all its processes to one core (taskset).
# Output as soak.py's: "CHECK 0|1 ...", "  detail" and "load: ..." figures.
import os
import random
import re
import selectors
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import procmem  # noqa: E402

try:
    import fcntl
    import pty
    import struct
    import termios
    import pyte
except ImportError as e:
    print("load: SKIP %s" % e)
    sys.exit(77)

DAPTER = os.environ["DAPTER"]
N = int(os.environ.get("LOAD_N", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
STORM = float(os.environ.get("LOAD_STORM", "20"))
MEAN_GAP = float(os.environ.get("LOAD_GAP", "2"))
WRITERS = int(os.environ.get("LOAD_WRITERS", str(max(5, N // 4))))
EXEC_SECONDS = float(os.environ.get("LOAD_EXEC_SECONDS", "20"))
EXEC_SAMPLES = int(os.environ.get("LOAD_EXEC_SAMPLES", "10"))
CPUS = os.environ.get("LOAD_CPUS", "")
KEEP = os.environ.get("KEEP")
COLS, ROWS = 80, 24
PUPILS = 18                     # a page that fits 80x24 without scrolling
TODAY = "2026-11-23"            # the typing column
EXEC_DAY = "2026-11-20"         # the imports' column
PASSWORD = "load-pass-2026"
ENV = dict(os.environ, DAPTER_TODAY=TODAY, LC_ALL="C.UTF-8", LANG="C.UTF-8")
for k in ("DAPTER_LANG", "TMUX", "DISPLAY", "SSH_AUTH_SOCK"):
    ENV.pop(k, None)

tmp = tempfile.mkdtemp(prefix="dapter-load.")
db = os.path.join(tmp, "school.db")
checks = []


def check(ok, desc, details=()):
    checks.append((bool(ok), desc, list(details)))


def pct(xs, q):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def ms(xs, qs=(.5, .9, .99)):
    return ", ".join("p%d %.0f ms" % (q * 100, pct(xs, q) * 1000) for q in qs)


def d(*args, stdin=None):
    r = subprocess.run([DAPTER, "--db", db] + list(args), input=stdin, cwd=tmp, env=ENV,
                       capture_output=True)
    if r.returncode != 0:
        sys.stderr.write("load: dapter %s: %s" % (" ".join(args), r.stderr.decode()))
        sys.exit(1)
    return r.stdout.decode()


# ---- 1. the school ----
t_setup = time.monotonic()
d("demo", "--no-serve")
subjects = [l.split("\t")[0] for l in d("subject", "list").split("\n") if l]
letters = "АӘБВГҒДЕЖЗИКЛМНОӨПРСТУҮФХ"
surnames = ["Абаев", "Бекова", "Ғалиев", "Дәулетова", "Ерланов", "Жұмабаева", "Зейнолла",
            "Исаев", "Қасымова", "Лесбеков", "Мұратова", "Нұрланов", "Оспанова", "Өтегенов",
            "Сейітова", "Тұрсынов", "Үсенова", "Фазылов", "Шәріпова", "Ыбыраев"]
given = ["Айгерім", "Арман", "Дана", "Ерлан", "Әсел", "Нұрлан", "Мадина", "Тимур",
         "Жанар", "Бауыржан"]
taken = set(l.strip() for l in d("class", "list").split("\n"))
names = ["%d %s" % (5 + k % 7, letters[k // 7]) for k in range(7 * len(letters))]
classes = []
for cls in [c for c in names if c not in taken][:(N + len(subjects) - 1) // len(subjects)]:
    classes.append(cls)
    d("class", "add", cls)
    roster = "Тегі;Аты\n" + "".join("%s;%s\n" % (surnames[p], given[(p + len(classes)) % 10])
                                    for p in range(PUPILS))
    d("roster", "import", cls, "-", stdin=roster.encode())


class Teacher:
    def __init__(self, i):
        self.i = i
        self.login = "t%03d" % i
        self.cls = classes[i // len(subjects)]
        self.subj = subjects[i % len(subjects)]
        self.pupils = []        # pupil ids in the page's order
        self.lesson = {}
        # the session
        self.proc = None
        self.fd = -1
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.state = "wait"     # wait, login, open, type, quit, done
        self.t_start = 0.0
        self.login_time = None
        self.next_key = 0.0
        self.pending = None     # (row, value, sent at)
        self.acked = {}         # row -> the value last seen on screen
        self.changes = {}       # row -> echoed changes
        self.lat = []
        self.col = None
        self.errors = []
        self.deadline = 0.0
        self.no_cursor_since = None

    def text(self, row):
        return self.screen.display[row] if row < ROWS else ""


def setup_teacher(t):
    d("user", "add", t.login, "--name", "Teacher %d" % t.i, "--role", "teacher",
      "--password-stdin", stdin=(PASSWORD + "\n").encode())
    d("assign", t.login, t.cls, t.subj)
    for day in (TODAY, EXEC_DAY):
        t.lesson[day] = int(d("lesson", "add", t.cls, t.subj, day).strip())


teachers = [Teacher(i) for i in range(N)]
# Two at a time: the commands wait for each other's writes fairly.
pool = [threading.Thread(target=lambda k=k: [setup_teacher(t) for t in teachers[k::2]])
        for k in range(2)]
for th in pool:
    th.start()
for th in pool:
    th.join()
for t in teachers:
    for line in d("marks", "export", t.cls, t.subj).split("\n")[2:]:
        if line:
            f = line.split(",")
            t.pupils.append((int(f[0]), f[1]))
t_setup = time.monotonic() - t_setup

askpass = os.path.join(tmp, "askpass")
with open(askpass, "w") as f:
    f.write("#!/bin/sh\necho '%s'\n" % PASSWORD)
os.chmod(askpass, 0o700)
ENV.update(SSH_ASKPASS=askpass, SSH_ASKPASS_REQUIRE="force")

def find_cgroup():
    """A cgroup of our own for the server (cgroup v2's cpu.stat, else v1's
    cpuacct): it counts the CPU of every process the server ever had, the
    double-forked holders and the ones that ended too. None if we may not."""
    with open("/proc/mounts") as f:
        mounts = [l.split() for l in f]
    for dev, path, fs, opts in [m[:4] for m in mounts]:
        if fs == "cgroup2" or (fs == "cgroup" and "cpuacct" in opts.split(",")):
            g = os.path.join(path, "dapter-load.%d" % os.getpid())
            try:
                os.mkdir(g)
            except OSError:
                continue
            usage = os.path.join(g, "cpu.stat" if fs == "cgroup2" else "cpuacct.usage")
            if os.path.exists(usage):
                return g, usage
            os.rmdir(g)
    return None, None


def cgroup_cpu():
    with open(cg_usage) as f:
        text = f.read()
    if cg_usage.endswith("cpu.stat"):
        return int(re.search(r"usage_usec (\d+)", text).group(1)) / 1e6
    return int(text) / 1e9


s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
serve_out = open(os.path.join(tmp, "serve.out"), "w")
serve_log = open(os.path.join(tmp, "serve.log"), "w")
argv = [DAPTER, "--db", db, "serve", "--listen", "127.0.0.1", "--port", str(port),
        "--max-sessions", str(2 * N + WRITERS + 20), "--login-grace", "120",
        # Every teacher comes from 127.0.0.1 here, as from one address nowhere
        # else: the limits on connections not logged in yet are for attacks.
        "--max-startups", "%d:30:%d" % (N + WRITERS, 2 * N + WRITERS + 20),
        "--max-startups-per-address", str(N + WRITERS)]
if CPUS:
    argv = ["taskset", "-c", CPUS] + argv
cg, cg_usage = find_cgroup()


def join_cgroup():
    with open(os.path.join(cg, "cgroup.procs"), "w") as f:
        f.write("0")


srv = subprocess.Popen(argv, env=ENV, stdout=serve_out, stderr=serve_log,
                       preexec_fn=join_cgroup if cg else None)
for _ in range(300):
    if "Serving" in open(os.path.join(tmp, "serve.out")).read():
        break
    time.sleep(0.1)
else:
    sys.stderr.write("load: the server did not start\n")
    sys.exit(1)


def ssh_argv(login, tty=False, verbose=False):
    return ["ssh", "-tt" if tty else "-T"] + (["-v"] if verbose else []) + [
        "-p", str(port), "-F", "/dev/null",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=%s" % ("DEBUG1" if verbose else "ERROR"),
        "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
        "-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=60",
        login + "@127.0.0.1"]


# ---- the server's processes: all that carry the database's path ----
def server_pids():
    return procmem.server_pids(db)


def proc_cpu(pid):
    """(start time, utime + stime) in clock ticks, or None."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[19]), int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


class CpuMeter:
    """CPU of the server's processes, the double-forked holders included: from
    the server's cgroup, else sampled every 0.2 s (a process that ends then
    loses at most its last 0.2 s)."""

    def __init__(self):
        self.base, self.last = {}, {}
        self.cg0 = cgroup_cpu() if cg else None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run)
        self.t0 = time.monotonic()
        self.sample(first=True)
        self.thread.start()

    def sample(self, first=False):
        for pid in server_pids():
            c = proc_cpu(pid)
            if c is None:
                continue
            key = (pid, c[0])
            if key not in self.base:
                self.base[key] = c[1] if first else 0
            self.last[key] = c[1]

    def run(self):
        while not self.stop.wait(0.2):
            self.sample()

    def end(self):
        self.stop.set()
        self.thread.join()
        self.sample()
        ticks = sum(self.last[k] - self.base[k] for k in self.last)
        self.procs = len(self.last)
        if cg:
            return (cgroup_cpu() - self.cg0) / (time.monotonic() - self.t0)
        return ticks / os.sysconf("SC_CLK_TCK") / (time.monotonic() - self.t0)


# ---- 2-3. the journal sessions ----
sel = selectors.DefaultSelector()


def spawn(t):
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvpe("ssh", ssh_argv(t.login, tty=True), dict(ENV, TERM="xterm-256color"))
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    t.proc, t.fd = pid, fd
    t.t_start = time.monotonic()
    t.state = "login"
    t.deadline = t.t_start + 120
    sel.register(fd, selectors.EVENT_READ, t)


def key(t, k):
    try:
        os.write(t.fd, k.encode())
    except OSError as e:
        t.errors.append("write: %s" % e)
        t.state = "done"


def cursor_row(t):
    for r in range(3, 3 + len(t.pupils)):
        if t.text(r).startswith(">"):
            return r - 3
    return None


def cell(t, row):
    return t.text(3 + row)[t.col:t.col + 3].strip()


def step(t, now):
    """Moves a session on from what its screen shows now."""
    if t.state == "login":
        if "My journals" in t.text(0):
            t.login_time = now - t.t_start
            key(t, "\r")
            t.state = "open"
            t.deadline = now + 60
    elif t.state == "open":
        if t.text(0).startswith("%s · %s · " % (t.cls, t.subj)):
            m = list(re.finditer(r"\b%s\b" % TODAY[-2:], t.text(2)))
            if m and cursor_row(t) is not None:
                # today's column is the last: the keys go before the first mark
                key(t, "\x1bOC" * 4)   # kcuf1 in keypad mode
                t.col = m[-1].end() - 3
                t.state = "type"
    elif t.state == "type" and t.pending is not None:
        row, v, t0 = t.pending
        if cell(t, row) == str(v):
            t.lat.append(now - t0)
            t.acked[row] = v
            t.changes[row] = t.changes.get(row, 0) + 1
            t.pending = None
    elif t.state == "quit":
        pass


def type_one(t, now):
    row = cursor_row(t)
    if row is None:
        # A frame read in halves (the old row's cursor cleared, the new one's
        # not yet come) shows none for a moment; one that stays away is lost.
        if t.no_cursor_since is None:
            t.no_cursor_since = now
        if now - t.no_cursor_since < 5:
            t.next_key = now + 0.2
            return
        t.errors.append("no cursor: " + " | ".join(t.screen.display[:5]))
        t.state = "done"
        return
    t.no_cursor_since = None
    if row == len(t.pupils) - 1 and row in t.acked:
        key(t, "\x1b[5~")       # PageUp, back to the first pupil: not timed
        t.next_key = now + 0.5
        return
    v = t.acked.get(row, 0) % 9 + 1
    t.pending = (row, v, now)
    t.deadline = now + 60
    key(t, str(v))
    t.next_key = now + random.expovariate(1 / MEAN_GAP)


def pump(until, stop_when=None):
    while True:
        now = time.monotonic()
        if now >= until or (stop_when and stop_when()):
            return
        for k, _ in sel.select(0.02):
            t = k.data
            try:
                data = os.read(t.fd, 65536)
            except OSError:
                data = b""
            if not data:
                sel.unregister(t.fd)
                os.close(t.fd)
                t.fd = -1
                if t.state not in ("quit", "done"):
                    t.errors.append("the link closed in state %s: %s" % (
                        t.state, " | ".join(l.rstrip() for l in t.screen.display[:3])))
                t.state = "done"
                continue
            t.stream.feed(data)
            step(t, time.monotonic())
        now = time.monotonic()
        for t in teachers:
            if t.state == "wait" and now >= t.start_at:
                spawn(t)
            elif t.state in ("login", "open") and now > t.deadline:
                t.errors.append("no %s after %.0f s: %s" % (
                    "home screen" if t.state == "login" else "page",
                    now - t.t_start, " | ".join(l.rstrip() for l in t.screen.display[:3])))
                t.state = "done"
            elif t.state == "type" and typing and t.pending is None and now >= t.next_key:
                type_one(t, now)
            elif t.state == "type" and t.pending is not None and now > t.deadline:
                row, v, _ = t.pending
                t.errors.append("pupil %d: %d never showed: %s" % (row, v, t.text(3 + row)))
                t.state = "done"


def reap(t):
    if t.proc:
        try:
            os.kill(t.proc, signal.SIGTERM)
        except OSError:
            pass
        try:
            os.waitpid(t.proc, 0)
        except OSError:
            pass
        t.proc = None


def cleanup():
    for t in teachers:
        reap(t)
    for p in server_pids():
        try:
            os.kill(p, signal.SIGTERM)
        except OSError:
            pass
    if srv.poll() is None:
        srv.terminate()
        srv.wait(30)
    if cg:
        for _ in range(100):
            try:
                os.rmdir(cg)
                break
            except OSError:
                time.sleep(0.1)
    if KEEP:
        print("load: kept %s" % tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)


def run_exec(login, args, stdin=b"", verbose=False):
    """(seconds, rc, stdout, stderr, {phase: seconds since the start})."""
    t0 = time.monotonic()
    p = subprocess.Popen(ssh_argv(login, verbose=verbose) + args, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    marks = {}
    err = []

    def read_err():
        for line in p.stderr:
            now = time.monotonic() - t0
            line = line.decode(errors="replace")
            err.append(line)
            if "SSH2_MSG_NEWKEYS received" in line:
                marks.setdefault("kex", now)
            elif "Authenticated to" in line or "Authentication succeeded" in line:
                marks.setdefault("auth", now)
            elif "Sending command" in line:
                marks.setdefault("command", now)
    th = threading.Thread(target=read_err)
    th.start()
    # not communicate(): it would read stderr too, from under read_err
    timer = threading.Timer(120, p.kill)
    timer.start()
    try:
        p.stdin.write(stdin)
        p.stdin.close()
    except OSError:
        pass
    out = p.stdout.read()
    p.wait()
    timer.cancel()
    th.join()
    t = time.monotonic() - t0
    errs = "".join(l for l in err if not l.startswith("debug"))
    return t, p.returncode, out.decode(), errs, marks


def import_csv(t, row, v):
    return ("Class,%s,Subject,%s,Subgroup,0,Period,2026-q2\nID,Pupil,%s\n%d,%s,%d\n" % (
        t.cls, t.subj, EXEC_DAY, t.pupils[row][0], t.pupils[row][1], v)).encode()


rc = 0
try:
    # ---- 2. the login storm, the ramp ----
    random.seed(int(os.environ.get("LOAD_SEED", "1")))
    t_storm = time.monotonic()
    for t in teachers:
        t.start_at = t_storm + random.uniform(0, STORM)
    typing = False
    pump(t_storm + STORM + 120,
         lambda: all(t.state in ("type", "done") for t in teachers))
    storm = time.monotonic() - t_storm
    logins = [t.login_time for t in teachers if t.login_time is not None]
    opened = [t for t in teachers if t.state == "type"]
    with open(os.path.join(tmp, "serve.log")) as f:
        odd = [l.strip() for l in f if re.search(r"fail|refus|error|grace|closing", l)]
    check(len(logins) == N, "%d teachers logged in by password within the storm" % N,
          ["%s: %s" % (t.login, "; ".join(t.errors)) for t in teachers
           if t.login_time is None][:8] + (odd[-5:] if len(logins) < N else []))
    check(len(opened) == N, "every teacher's page opened",
          ["%s: %s" % (t.login, "; ".join(t.errors)) for t in teachers
           if t.state != "type"][:8])

    # ---- 3. typing ----
    cpu = CpuMeter()
    t_type = time.monotonic()
    own0 = os.times()
    for t in teachers:
        t.next_key = t_type + random.expovariate(1 / MEAN_GAP)
    typing = True
    peak = {}

    def mem_sampler(stop):
        while not stop.wait(2):
            m = procmem.sessions(srv.pid, db)
            if not peak or procmem.per_session(m) > procmem.per_session(peak):
                peak.update(m)
    stop_mem = threading.Event()
    mem_thread = threading.Thread(target=mem_sampler, args=(stop_mem,))
    mem_thread.start()
    pump(t_type + SECONDS)
    typing = False
    elapsed = time.monotonic() - t_type
    own1 = os.times()
    # The driver's own CPU: its pyte screens are in every echo's latency.
    driver_cpu = (own1.user + own1.system - own0.user - own0.system) / elapsed
    # the marks on their way get their echo
    pump(time.monotonic() + 60, lambda: all(t.pending is None for t in teachers))
    stop_mem.set()
    mem_thread.join()
    load_cpu = cpu.end()
    lat = [x for t in teachers for x in t.lat]
    sessions_ok = [t for t in teachers if not t.errors]
    check(len(sessions_ok) == N and lat, "every typed mark was echoed (%d marks)" % len(lat),
          ["%s: %s" % (t.login, "; ".join(t.errors)) for t in teachers if t.errors][:8])

    # the teachers leave
    for t in teachers:
        if t.fd != -1:
            t.state = "quit"
            key(t, "q")
            key(t, "q")
    pump(time.monotonic() + 60, lambda: all(t.fd == -1 for t in teachers))
    for t in teachers:
        reap(t)

    # ---- 4. the exec storm ----
    exec_cpu = CpuMeter()
    w_lat, w_fail, w_acked = [], [], {}
    t_exec = time.monotonic()

    def writer(t, row):
        k = 0
        while time.monotonic() < t_exec + EXEC_SECONDS:
            v = k % 10 + 1
            k += 1
            dt, code, out, err, _ = run_exec(t.login, ["marks", "import"],
                                             import_csv(t, row, v))
            if code == 0 and out.startswith("Set 1 marks"):
                w_lat.append(dt)
                w_acked[(t.i, row)] = (v, w_acked.get((t.i, row), (0, 0))[1] + 1)
            else:
                w_fail.append("%s: rc %d: %s%s" % (t.login, code, out.strip(), err.strip()))
    ws = [threading.Thread(target=writer, args=(teachers[i % N], i // N))
          for i in range(WRITERS)]
    for th in ws:
        th.start()
    for th in ws:
        th.join()
    exec_elapsed = time.monotonic() - t_exec
    exec_cpu_share = exec_cpu.end()
    check(not w_fail and w_lat, "every import of the exec storm was acknowledged (%d)"
          % len(w_lat), w_fail[:8])

    # where one exec's time goes, on the quiet server
    t0 = teachers[0]
    phases, phase_fail = {}, []
    for _ in range(EXEC_SAMPLES):
        for name, args in (("version", ["version"]), ("journal list", ["journal", "list"])):
            dt, code, _, err, m = run_exec(t0.login, args, verbose=True)
            if code == 0 and len(m) == 3:
                phases.setdefault(name, []).append((m["kex"], m["auth"] - m["kex"],
                                                    dt - m["command"], dt))
            else:
                phase_fail.append("%s: rc %d, seen %s: %s" % (name, code, sorted(m), err))
    check(not phase_fail, "the single execs timed piece by piece ran", phase_fail[:4])
    # the same two commands run here, without SSH: start-up alone, then the database
    local = {}
    for _ in range(EXEC_SAMPLES):
        for name, args in (("version", ["version"]), ("journal list", ["--as", t0.login,
                                                                      "journal", "list"])):
            a = time.monotonic()
            subprocess.run([DAPTER, "--db", db] + args, env=ENV, capture_output=True)
            local.setdefault(name, []).append(time.monotonic() - a)

    # ---- 5. what the journal kept ----
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)

    def kept(lesson, pupil):
        vals = [r[0] for r in con.execute("SELECT value FROM mark WHERE lesson_id = ? AND"
                                          " pupil_id = ?", (lesson, pupil))]
        audits = con.execute("SELECT count(*) FROM audit WHERE action = 'mark.set'"
                             " AND object LIKE ? AND object LIKE ?",
                             ("%% lesson:%d %%" % lesson, "%% pupil:%d" % pupil)).fetchone()[0]
        return vals, audits

    lost, dup = [], []
    for t in teachers:
        for row, v in t.acked.items():
            vals, audits = kept(t.lesson[TODAY], t.pupils[row][0])
            where = "%s %s %s pupil %d" % (t.login, t.cls, t.subj, t.pupils[row][0])
            if vals != [str(v)] and vals != [v]:
                lost.append("%s: the journal has %s, the screen showed %d" % (where, vals, v))
            elif audits != t.changes[row]:
                dup.append("%s: %d audit records for %d echoed changes" % (
                    where, audits, t.changes[row]))
    for (i, row), (v, n) in w_acked.items():
        t = teachers[i]
        vals, audits = kept(t.lesson[EXEC_DAY], t.pupils[row][0])
        where = "%s import pupil %d" % (t.login, t.pupils[row][0])
        if vals != [str(v)] and vals != [v]:
            lost.append("%s: the journal has %s, the last acknowledged was %d" % (where, vals, v))
        elif audits != n:
            dup.append("%s: %d audit records for %d acknowledged imports" % (where, audits, n))
    con.close()
    check(not lost, "every echoed mark and acknowledged import is in the journal", lost[:8])
    check(not dup, "each exactly once in the audit", dup[:8])

    srv.terminate()
    srv.wait(30)
    r = subprocess.run([DAPTER, "--db", db, "audit", "verify"], env=ENV, capture_output=True)
    check(r.returncode == 0, "the audit chain verifies after the load",
          [(r.stdout + r.stderr).decode().strip()])

    # ---- figures ----
    print("load: %d teachers, %d classes of %d pupils, made in %.0f s with the CLI; server on %s"
          % (N, len(classes), PUPILS, t_setup,
             "core %s (taskset)" % CPUS if CPUS else "%d cores" % os.cpu_count()))
    print("load: login storm: %d password logins within %.0f s (all pages open after %.0f s);"
          " login to home screen p50 %.0f ms, p99 %.0f ms, max %.0f ms"
          % (len(logins), STORM, storm, pct(logins, .5) * 1000, pct(logins, .99) * 1000,
             max(logins or [0]) * 1000))
    print("load: typing %.0f s, a mark every %.1f s a teacher: %d marks (%.1f/s);"
          " keystroke to echo %s, max %.0f ms"
          % (elapsed, MEAN_GAP, len(lat), len(lat) / elapsed, ms(lat), max(lat or [0]) * 1000))
    print("load: this driver (the teachers' terminals, in one process) used %.2f of a core;"
          " the machine's load average was %.1f" % (driver_cpu, os.getloadavg()[0]))
    print("load: server CPU while typing %.2f of a core (%s; %d processes: the server,"
          " its connections, holders and journals)"
          % (load_cpu, "its cgroup" if cg else "sampled", cpu.procs))
    if peak:
        print("load: PSS at its peak while typing: " + procmem.describe(peak))
    print("load: exec storm: %d loops of marks import for %.0f s: %.1f imports/s, %s;"
          " server CPU %.2f of a core"
          % (WRITERS, exec_elapsed, len(w_lat) / exec_elapsed, ms(w_lat, (.5, .99)),
             exec_cpu_share))
    for name, xs in phases.items():
        print("load: one exec of %s (p50 of %d): key exchange %.0f ms, password login %.0f ms,"
              " channel to exit %.0f ms, in all %.0f ms"
              % (name, len(xs), pct([x[0] for x in xs], .5) * 1000,
                 pct([x[1] for x in xs], .5) * 1000, pct([x[2] for x in xs], .5) * 1000,
                 pct([x[3] for x in xs], .5) * 1000))
    if "journal list" in phases:
        # the fastest of the local runs: a busy machine only adds to them
        v, j = min(local["version"]), min(local["journal list"])
        c = pct([x[2] for x in phases["journal list"]], .5)
        print("load: journal list's channel to exit: start-up %.0f ms and the database %.0f ms"
              " (the fastest run here without SSH: version, then journal list), the rest (the channel,"
              " fork and exec) %.0f ms" % (v * 1000, (j - v) * 1000, (c - j) * 1000))
    print("load: failures: %d sessions, %d imports"
          % (sum(1 for t in teachers if t.errors), len(w_fail)))
except Exception:
    import traceback
    traceback.print_exc()
    check(False, "the load ran to its end", [])
finally:
    cleanup()

for ok, desc, details in checks:
    print("CHECK %d %s" % (0 if ok else 1, desc))
    for line in details:
        print("  " + str(line))
sys.exit(0 if checks and all(ok for ok, _, _ in checks) else 1)
