# Debian's python3 in the VM, its processes and I/O: a temporary directory in /tmp, a file mapped
# shared and written, zipfile, an asyncio server on loopback, a multiprocessing pool and queue
# (fork, pipes, semaphores in /dev/shm), a timer's signal.
import asyncio, tempfile, os, zipfile, io, socket, threading, multiprocessing, signal, time, select, mmap, struct, random, hashlib, collections
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "f.txt")
    with open(p, "w") as f:
        f.write("hello\n" * 1000)
    print("tempdir:", sorted(os.listdir(d)), os.path.getsize(p))
    with open(p, "r+b") as f:
        m = mmap.mmap(f.fileno(), 0)
        m[0:5] = b"HELLO"
        m.flush()
        m.close()
    print(open(p).read(12).split())
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a.txt", "x" * 10000)
print("zip bytes:", len(buf.getvalue()) < 200)
async def handle(r, w):
    data = await r.read(100)
    w.write(data.upper()); await w.drain(); w.close()
async def main():
    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"ping"); await w.drain()
    print("asyncio echo:", await r.read(100))
    w.close(); srv.close(); await srv.wait_closed()
asyncio.run(main())
def sq(x): return x * x
if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print("pool:", pool.map(sq, range(8)))
    q = multiprocessing.Queue()
    pr = multiprocessing.Process(target=q.put, args=("from child",))
    pr.start(); print("queue:", q.get()); pr.join(); print("exitcode", pr.exitcode)
    got = []
    signal.signal(signal.SIGALRM, lambda *a: got.append("alarm"))
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    time.sleep(0.2)
    print("signal:", got)
    random.seed(5); print("random:", random.randint(1, 1000), hashlib.md5(b"x").hexdigest()[:8])
    print(collections.Counter("abracadabra").most_common(2))
