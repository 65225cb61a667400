# Debian's python3 in the VM: the standard library from its directory, C extensions loaded
# with dlopen (_decimal, _sqlite3, _ctypes, _json, zlib), threads, and libc through ctypes.
import ctypes, decimal, hashlib, json, re, sqlite3, sys, threading, zlib

print(json.dumps({"a": [1, 2, {"b": None}], "c": "\u00e9"}, sort_keys=True))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "user@host and me@there"))
decimal.getcontext().prec = 40
print(decimal.Decimal(1) / decimal.Decimal(7))

sums = []
lock = threading.Lock()
def work(n):
    s = sum(i * i for i in range(n))
    with lock:
        sums.append(s)
threads = [threading.Thread(target=work, args=(20000 * (i + 1),)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(sums))

db = sqlite3.connect(":memory:")
db.execute("create table t(a integer, b text)")
db.executemany("insert into t values(?, ?)", [(i, str(i) * 3) for i in range(2000)])
print(db.execute("select count(*), sum(a), max(b) from t where a % 3 = 1").fetchone())

print(hashlib.sha256(b"cocoon").hexdigest(), zlib.crc32(b"cocoon" * 100))
libc = ctypes.CDLL(None)
print("strlen through ctypes:", libc.strlen(b"sixteen chars..."))
with open(sys.argv[1], "w") as f:
    f.write("written by python\n")
with open(sys.argv[1]) as f:
    print(f.read().strip())
sys.exit(3)
