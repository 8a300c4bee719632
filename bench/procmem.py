# SPDX-License-Identifier: GPL-3.0-or-later
"""procmem: the memory of one `dapter serve` and its sessions, measured one way
for every benchmark (load.py, soak.py).

A session is three processes: the connection process the listener forks, the
session holder (double-forked, so no longer the connection's child) and the
journal editor (`dapter --as LOGIN --remote`). All of them carry the
database's path in their command line, which is how they are found. PSS
(proportional set size) shares each shared page among the processes that map
it, so the sum over all of them is what the server costs; per session is that
sum, the listener's own share left out, over the connection processes."""

import os


def pss(pid):
    """PSS of one process in kB, 0 when it has gone."""
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def server_pids(db):
    """Every process whose command line names the database, this one excepted."""
    pids, key = [], db.encode()
    for p in os.listdir("/proc"):
        if p.isdigit() and int(p) != os.getpid():
            try:
                with open("/proc/%s/cmdline" % p, "rb") as f:
                    if key in f.read():
                        pids.append(int(p))
            except OSError:
                pass
    return pids


def parent(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def remote_editor(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return b"--remote" in f.read().split(b"\0")
    except OSError:
        return False


KINDS = ("connections", "holders", "editors", "commands")


def sessions(listener, db):
    """kB of PSS by kind: the listener, connection processes, holders, journal
    editors and commands run over exec; "sessions" counts the connections."""
    out = dict.fromkeys(("listener", "sessions") + KINDS, 0)
    pids = server_pids(db)
    conns = {p for p in pids if parent(p) == listener}
    for p in pids:
        kb = pss(p)
        if p == listener:
            out["listener"] += kb
        elif p in conns:
            out["connections"] += kb
            out["sessions"] += 1
        elif remote_editor(p):
            out["editors"] += kb
        elif parent(p) in conns:
            out["commands"] += kb
        else:
            out["holders"] += kb
    return out


def per_session(m):
    """kB a session: everything but the listener, over the connections."""
    return sum(m[k] for k in KINDS) / max(m["sessions"], 1)


def describe(m):
    """One line: the total a session and its split by process."""
    n = max(m["sessions"], 1) * 1024
    split = ", ".join("%s %.2f" % (k[:-1], m[k] / n) for k in KINDS if m[k])
    return ("%.1f MB a session (%s MB; %d sessions, listener %.1f MB)"
            % (per_session(m) / 1024, split, m["sessions"], m["listener"] / 1024))
