#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: a failed password login takes as long for a login that does
# not exist as for one that does (a yescrypt hash of a decoy stands in for the
# missing account's), and says the same; so timing cannot tell which logins
# exist. Samples alternate known and unknown logins; the login_failure counts
# (which slow a login after a few failures) are reset before each sample, so
# both kinds meet the same one-second refusal and nothing more. The rule is on
# the median of the paired differences, against half the time one yescrypt
# check takes on this machine now: without the decoy the unknown login is
# faster by a whole hash.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh
start_server
cat >"$tmp/askpass" <<'ASK'
#!/bin/sh
echo "$DAPTER_TEST_PASSWORD"
ASK
chmod +x "$tmp/askpass"
PORT=$port DB=$db ASKPASS="$tmp/askpass" PAIRS="${DAPTER_TIMING_PAIRS:-10}" \
    python3 -W ignore - >"$tmp/timing.out" 2>&1 <<'PY'
import os, sqlite3, statistics, subprocess, time
try:
    import crypt     # gone in Python 3.13: then a fixed yardstick below
except ImportError:
    crypt = None

def reset():
    con = sqlite3.connect(os.environ["DB"], timeout=30)
    con.execute("DELETE FROM login_failure")
    con.commit()
    con.close()

def attempt(login, password):
    """Seconds from sending the password to the refusal, and what ssh said."""
    env = dict(os.environ, SSH_ASKPASS=os.environ["ASKPASS"], SSH_ASKPASS_REQUIRE="force",
               DAPTER_TEST_PASSWORD=password, DISPLAY="none")
    p = subprocess.Popen(["ssh", "-v", "-p", os.environ["PORT"], "-F", "/dev/null",
                          "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                          "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1",
                          "-o", "PreferredAuthentications=password", "-o", "ConnectTimeout=30",
                          login + "@127.0.0.1", "version"],
                         env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    sent = back = None
    said = []
    for line in p.stderr:
        if "Next authentication method: password" in line:
            sent = time.monotonic()
        elif sent is not None and back is None and (
                "Authentications that can continue" in line or "Permission denied" in line):
            back = time.monotonic()
        if not line.startswith("debug") and "Warning: Permanently added" not in line:
            said.append(line.replace(login, "LOGIN").strip())
        if "Authentications that can continue" in line:
            said.append(line.split(":", 1)[1].strip())
    p.wait()
    return (None if sent is None or back is None else back - sent), p.returncode, said

pairs = int(os.environ["PAIRS"])
decoy = "$y$j9T$kaBUxnQ.vngg8kSmEPCf70$iMYpAWMQweI3RBbwGCB68Tm9ktq3vCOPpWc9ouclI33"
hashes = []
known, unknown, diffs, said, codes = [], [], [], set(), set()
for i in range(pairs):
    # Alternate which goes first, so a drift in load favours neither.
    order = [("olga", "known"), ("nobody%d" % i, "unknown")]
    if i % 2:
        order.reverse()
    got = {}
    for login, kind in order:
        reset()
        t, rc, words = attempt(login, "wrong-password-%d" % i)
        got[kind] = t
        codes.add(rc)
        said.add(tuple(words))
    t0 = time.monotonic()
    if crypt is not None:
        crypt.crypt("x", decoy)
    hashes.append(time.monotonic() - t0 if crypt is not None else 0.05)
    if got["known"] is None or got["unknown"] is None:
        print("MISSING", got)
        continue
    known.append(got["known"])
    unknown.append(got["unknown"])
    diffs.append(got["known"] - got["unknown"])
reset()
h = statistics.median(hashes)
d = statistics.median(diffs) if diffs else float("nan")
print("# known logins: median %.0f ms (min %.0f, max %.0f)" % (
    statistics.median(known) * 1000, min(known) * 1000, max(known) * 1000))
print("# unknown logins: median %.0f ms (min %.0f, max %.0f)" % (
    statistics.median(unknown) * 1000, min(unknown) * 1000, max(unknown) * 1000))
print("# median of paired differences (known - unknown) %.0f ms; one yescrypt check %.0f ms"
      % (d * 1000, h * 1000))
print("SAMPLES %d" % len(diffs))
print("DIFF_OK %d" % (1 if len(diffs) >= pairs - 1 and abs(d) < h / 2 else 0))
print("SAID %d" % len(said))
for s in said:
    print("# said: %s" % " | ".join(s))
print("CODES %s" % " ".join(str(c) for c in sorted(codes)))
PY
grep '^#\|^MISSING' "$tmp/timing.out"
grep -q "^SAMPLES" "$tmp/timing.out"; tap_result $? "the timing samples were taken"
sed -n 's/^[^#A-Z].*/#   &/p' "$tmp/timing.out" | head -n 10
grep -q "^DIFF_OK 1" "$tmp/timing.out"
tap_result $? "a wrong password takes as long for an unknown login as for a real one"
grep -q "^SAID 1$" "$tmp/timing.out"
tap_result $? "and the client is told the same words for both"
grep -q "^CODES 255$" "$tmp/timing.out"
tap_result $? "and ssh fails the same way for both"
done_testing
