#!/usr/bin/env python3
"""cache-bench: `flywheel cache push` against `nix copy` (Nix 2.8) and `zstd -3 -T0`.

One run, same data for every tool, in a private chroot Nix store (nothing touches /nix):

  (a) one store path of >= 1 GiB (a copy of /usr/lib/x86_64-linux-gnu, /usr/bin, ... : ELF
      binaries and libraries, which compress like real store paths);
  (b) a closure of >= 2,000 small store paths (real files from /usr, one path each, all
      referenced by one top derivation).

Each is pushed by `flywheel cache push` (zstd level 3) and by
`nix copy --to ...?compression=zstd` (level 3, Nix's default for zstd) to a fresh file://
directory and to a fresh HTTP binary cache on loopback (`flywheel-sim binary-cache`, or with
--http-server python a small HTTP/1.1 PUT server in this script; shared by both tools), and `zstd -3 -T0` compresses the same NAR bytes (from
`nix-store --dump`, page cache warm) as the machine's bound. For every run it prints wall
time, NAR throughput, compression ratio and the peak RSS of the process (max RSS of
the child, measured by /usr/bin/time; for the HTTP runs the server is a separate process
and not counted).

Usage (the flywheel binary should be a release build):

    swift build -c release --product flywheel && swift build -c release --product flywheel-sim
    python3 Benchmarks/CacheBench/cache-bench.py --flywheel .build/release/flywheel [--dir /tmp/cache-bench] [--keep]

or `make bench`. Data generation (copying ~1.1 GiB and adding it to the store, ~2,000
`builtins.path` imports) takes one to three minutes; with --keep it is reused next time.
"""
import argparse, http.server, json, os, shutil, socket, socketserver, subprocess, sys, tempfile, time

GiB = 1 << 30


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(argv, env=None, stdout=subprocess.DEVNULL, check=True):
    """Runs argv under GNU time; returns (seconds, peak RSS in KiB, exit status).

    The RSS comes from /usr/bin/time's %M: wait4's ru_maxrss of a child forked from this
    Python process would include Python's own memory (Linux keeps the high-water mark
    across fork and exec), so a small forker measures it instead.
    """
    with tempfile.NamedTemporaryFile(mode="r") as report:
        started = time.monotonic()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *argv], env=env, stdout=stdout, stderr=subprocess.PIPE)
        elapsed = time.monotonic() - started
        if check and result.returncode != 0:
            raise SystemExit(f"{' '.join(argv[:6])}... exited {result.returncode}:\n{result.stderr.decode(errors='replace')[-3000:]}")
        lines = [line for line in report.read().split() if line.isdigit()]
        return elapsed, int(lines[-1]) if lines else 0, result.returncode


def output(argv, env=None):
    return subprocess.run(argv, env=env, check=True, stdout=subprocess.PIPE).stdout.decode()


class PutHandler(http.server.BaseHTTPRequestHandler):
    """A Nix binary cache over HTTP/1.1: GET/HEAD files, PUT stores the body (streamed)."""
    protocol_version = "HTTP/1.1"
    root = "/nonexistent"

    def log_message(self, *args):
        pass

    def _file(self):
        path = os.path.normpath(self.path.split("?")[0]).lstrip("/")
        return os.path.join(self.root, path)

    def do_GET(self, head=False):
        name = self._file()
        if not os.path.isfile(name):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        size = os.path.getsize(name)
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if not head:
            with open(name, "rb") as f:
                shutil.copyfileobj(f, self.wfile, 1 << 20)

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_PUT(self):
        name = self._file()
        os.makedirs(os.path.dirname(name), exist_ok=True)
        temporary = name + ".part"
        with open(temporary, "wb") as f:
            if "chunked" in self.headers.get("Transfer-Encoding", ""):
                while True:
                    size = int(self.rfile.readline().strip().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        break
                    remaining = size
                    while remaining:
                        data = self.rfile.read(min(remaining, 1 << 20))
                        f.write(data)
                        remaining -= len(data)
                    self.rfile.readline()
            else:
                remaining = int(self.headers.get("Content-Length", "0"))
                while remaining:
                    data = self.rfile.read(min(remaining, 1 << 20))
                    if not data:
                        break
                    f.write(data)
                    remaining -= len(data)
        os.replace(temporary, name)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


def serve(root, port):
    """Runs the HTTP cache in a child process (so its CPU and memory are not ours)."""
    pid = os.fork()
    if pid == 0:
        PutHandler.root = root
        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            allow_reuse_address = True
        Server(("127.0.0.1", port), PutHandler).serve_forever()
        os._exit(0)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return pid
        except OSError:
            time.sleep(0.05)
    os.kill(pid, 9)
    raise SystemExit("the HTTP cache did not start")


def serve_simulator(binary, root):
    """Runs `flywheel-sim binary-cache` (Swift NIO; the Python server saturates a core at
    ~1,000 requests/s and would be the bottleneck of the 2,000-path HTTP runs)."""
    process = subprocess.Popen([binary, "binary-cache", "--directory", root, "--port", "0"], stdout=subprocess.PIPE)
    line = process.stdout.readline()
    try:
        return process, json.loads(line)["port"]
    except (ValueError, KeyError):
        process.kill()
        raise SystemExit(f"flywheel-sim binary-cache did not start: {line!r}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_size(path):
    total = 0
    for directory, _, files in os.walk(path):
        for name in files:
            full = os.path.join(directory, name)
            if not os.path.islink(full):
                total += os.path.getsize(full)
    return total


def nar_files_size(cache):
    nar = os.path.join(cache, "nar")
    return sum(os.path.getsize(os.path.join(nar, f)) for f in os.listdir(nar)) if os.path.isdir(nar) else 0


class Store:
    def __init__(self, root):
        self.root = root
        self.env = dict(os.environ, NIX_CONFIG="", XDG_CACHE_HOME=os.path.join(root, "..", "xdg"))

    def nix_store(self, *args):
        return output(["nix-store", "--store", self.root, *args], self.env)

    def requisites(self, path):
        return self.nix_store("-q", "--requisites", path).split()

    def nar_size(self, paths):
        info = json.loads(output(["nix", "--extra-experimental-features", "nix-command", "--store", self.root, "path-info", "--json", *paths], self.env))
        return sum(entry["narSize"] for entry in info)


def generate(directory, store):
    """Creates (big path, top of the small closure) in the chroot store, or reuses them."""
    marker = os.path.join(directory, "paths.json")
    if os.path.exists(marker):
        paths = json.load(open(marker))
        if all(os.path.exists(store.root + p) for p in paths.values()):
            log(f"reusing generated data in {directory}")
            return paths["big"], paths["closure"]
    started = time.monotonic()
    big = os.path.join(directory, "big")
    shutil.rmtree(big, ignore_errors=True)
    os.makedirs(big)
    sources = ["/usr/lib/x86_64-linux-gnu", "/usr/bin", "/usr/libexec", "/usr/lib/gcc", "/usr/lib/python3", "/usr/share/locale", "/usr/lib"]
    size = 0
    for index, source in enumerate(sources):
        if size >= 1.1 * GiB:
            break
        if not os.path.isdir(source):
            continue
        log(f"copying {source} ...")
        subprocess.run(["cp", "-a", "--no-preserve=ownership", source, os.path.join(big, f"{index}-{os.path.basename(source)}")], stderr=subprocess.DEVNULL)
        # nix-store --add refuses sockets, fifos and devices; drop them.
        subprocess.run(["find", big, "(", "-type", "s", "-o", "-type", "p", "-o", "-type", "b", "-o", "-type", "c", ")", "-delete"])
        size = tree_size(big)
    if size < GiB:
        raise SystemExit(f"could only gather {size} bytes for the big path")
    log(f"adding the big path ({size / GiB:.2f} GiB of files) to the store ...")
    big_path = store.nix_store("--add", big).strip()
    shutil.rmtree(big)

    small = os.path.join(directory, "small")
    shutil.rmtree(small, ignore_errors=True)
    os.makedirs(small)
    count = 0
    for source_dir in ["/usr/lib/x86_64-linux-gnu", "/usr/bin", "/usr/share", "/usr/lib"]:
        for current, _, files in os.walk(source_dir):
            for name in sorted(files):
                full = os.path.join(current, name)
                if os.path.islink(full) or not os.path.isfile(full):
                    continue
                length = os.path.getsize(full)
                if not (2048 <= length <= 256 * 1024):
                    continue
                shutil.copyfile(full, os.path.join(small, f"p{count:05d}"))
                count += 1
                if count >= 2100:
                    break
            if count >= 2100:
                break
        if count >= 2100:
            break
    expression = os.path.join(directory, "closure.nix")
    with open(expression, "w") as f:
        f.write(f"""
let
  names = builtins.attrNames (builtins.readDir {small});
  paths = map (n: builtins.path {{ path = {small} + "/${{n}}"; name = "small-${{n}}"; }}) names;
in builtins.derivation {{
  name = "small-closure"; system = builtins.currentSystem; builder = "/bin/sh";
  args = [ "-c" "echo ${{builtins.concatStringsSep " " paths}} > $out" ];
}}
""")
    log(f"importing {count} small paths and building their top ...")
    closure = output(["nix-build", "--store", store.root, expression, "--no-out-link", "--option", "substituters", "",
                      "--option", "extra-sandbox-paths", "/bin /lib /lib64 /usr"], store.env).strip().split("\n")[-1]
    shutil.rmtree(small)
    json.dump({"big": big_path, "closure": closure}, open(marker, "w"))
    log(f"data generated in {time.monotonic() - started:.0f} s")
    return big_path, closure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flywheel", default=".build/release/flywheel", help="the flywheel binary (a release build)")
    parser.add_argument("--dir", default="/tmp/cache-bench", help="work directory (store, caches)")
    parser.add_argument("--jobs", type=int, default=4, help="flywheel --jobs (uploads at once; default 4, the CLI default; the small-path HTTP run is latency-bound and gains from more)")
    parser.add_argument("--only", choices=["big", "closure"], help="run one data set only")
    parser.add_argument("--http-server", choices=["sim", "python"], default="sim",
                        help="HTTP cache: flywheel-sim binary-cache (next to --flywheel; default) or the Python server in this script")
    parser.add_argument("--repeat", type=int, default=1, help="run every measurement N times and keep the fastest (the machine may be shared)")
    parser.add_argument("--keep", action="store_true", help="keep the generated store for the next run")
    parser.add_argument("--generate-only", action="store_true", help="only generate the data (implies --keep)")
    options = parser.parse_args()
    flywheel = os.path.abspath(options.flywheel)
    if not os.access("/usr/bin/time", os.X_OK):
        raise SystemExit("needs GNU time (apt install time) to measure peak RSS")
    if not options.generate_only and not os.access(flywheel, os.X_OK):
        raise SystemExit(f"{flywheel} is not executable; swift build -c release --product flywheel")
    os.makedirs(options.dir, exist_ok=True)
    store = Store(os.path.join(options.dir, "store"))
    big, closure = generate(options.dir, store)
    if options.generate_only:
        print(f"big: {big}\nclosure: {closure}")
        return

    results = []
    caches = os.path.join(options.dir, "caches")
    os.makedirs(caches, exist_ok=True)
    simulator = None
    if options.http_server == "sim":
        binary = os.path.join(os.path.dirname(flywheel), "flywheel-sim")
        if not os.access(binary, os.X_OK):
            raise SystemExit(f"{binary} is missing: swift build -c release --product flywheel-sim, or --http-server python")
        simulator, port = serve_simulator(binary, caches)
        server = None
    else:
        port = free_port()
        server = serve(caches, port)
    log(f"HTTP cache: {options.http_server} on port {port}")
    try:
        for label, root in [("big", big), ("closure", closure)]:
            if options.only and options.only != label:
                continue
            paths = store.requisites(root) if label == "closure" else [root]
            nar_bytes = store.nar_size(paths)
            nar_file = os.path.join(options.dir, f"{label}.nar")
            with open(nar_file, "wb") as f:
                for path in paths:
                    subprocess.run(["nix-store", "--dump", store.root + path], env=store.env, stdout=f, check=True)
            subprocess.run(["cat", nar_file], stdout=subprocess.DEVNULL)  # page cache warm for every tool
            subprocess.run(["tar", "cf", "/dev/null", *[store.root + p for p in paths]], stderr=subprocess.DEVNULL)
            log(f"{label}: {len(paths)} paths, {nar_bytes / 1e6:.0f} MB of NAR")

            def record(tool, seconds, rss, compressed):
                results.append(dict(set=label, tool=tool, paths=len(paths), nar=nar_bytes, seconds=seconds, rss=rss, compressed=compressed))
                log(f"  {tool:<28} {seconds:7.2f} s  {nar_bytes / seconds / 1e6:7.1f} MB/s  RSS {rss / 1024:6.1f} MiB")

            def best(measure):
                """Runs measure() --repeat times; the fastest run, with the highest RSS seen."""
                runs = [measure() for _ in range(max(1, options.repeat))]
                fastest = min(runs, key=lambda r: r[0])
                return fastest[0], max(r[1] for r in runs), fastest[2]

            compressed_file = nar_file + ".zst"

            def zstd_bound():
                with open(compressed_file, "wb") as out:
                    seconds, rss, _ = run(["zstd", "-3", "-T0", "-q", "-c", nar_file], stdout=out)
                return seconds, rss, os.path.getsize(compressed_file)
            record("zstd -3 -T0 (bound)", *best(zstd_bound))
            os.remove(compressed_file)

            for destination in ["file", "http"]:
                for tool in ["flywheel", "nix copy"]:
                    def push():
                        name = f"{label}-{destination}-{tool.replace(' ', '')}"
                        directory = os.path.join(caches, name)
                        shutil.rmtree(directory, ignore_errors=True)
                        os.makedirs(directory)
                        url = f"file://{directory}" if destination == "file" else f"http://127.0.0.1:{port}/{name}"
                        env = dict(store.env, XDG_CACHE_HOME=os.path.join(options.dir, "xdg-" + name))
                        shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
                        if tool == "flywheel":
                            argv = [flywheel, "cache", "push", "--store", store.root, "--to", url, "--compression-level", "3",
                                    "--jobs", str(options.jobs), "--staging-directory", options.dir, root]
                        else:
                            argv = ["nix", "--extra-experimental-features", "nix-command", "--store", store.root, "copy",
                                    "--to", url + ("&" if "?" in url else "?") + "compression=zstd", root]
                        seconds, rss, _ = run(argv, env=env)
                        compressed = nar_files_size(directory)
                        shutil.rmtree(directory, ignore_errors=True)
                        return seconds, rss, compressed
                    record(f"{tool} -> {destination}", *best(push))
            os.remove(nar_file)
    finally:
        if server:
            os.kill(server, 9)
            os.waitpid(server, 0)
        if simulator:
            simulator.kill()
            simulator.wait()
        shutil.rmtree(caches, ignore_errors=True)
        if not options.keep:
            subprocess.run(["chmod", "-R", "u+w", options.dir])
            shutil.rmtree(options.dir, ignore_errors=True)

    print(f"cache-bench on {os.cpu_count()} cores, HTTP cache: {options.http_server}; throughput = NAR bytes / wall time; ratio = NAR / compressed NAR files")
    print(f"{'set':<8} {'tool':<28} {'paths':>6} {'NAR MB':>8} {'seconds':>8} {'MB/s':>8} {'ratio':>6} {'peak RSS MiB':>13}")
    for r in results:
        ratio = r["nar"] / r["compressed"] if r["compressed"] else float("nan")
        print(f"{r['set']:<8} {r['tool']:<28} {r['paths']:>6} {r['nar'] / 1e6:>8.0f} {r['seconds']:>8.2f} {r['nar'] / r['seconds'] / 1e6:>8.1f} {ratio:>6.2f} {r['rss'] / 1024:>13.1f}")
    by = {(r["set"], r["tool"]): r for r in results}
    print("goals:")
    for label in ["big", "closure"]:
        for destination in ["file", "http"]:
            ours, theirs = by.get((label, f"flywheel -> {destination}")), by.get((label, f"nix copy -> {destination}"))
            if ours and theirs:
                print(f"  {label} -> {destination}: flywheel is {theirs['seconds'] / ours['seconds']:.2f}x nix copy")
        ours, bound = by.get((label, "flywheel -> file")), by.get((label, "zstd -3 -T0 (bound)"))
        if ours and bound:
            print(f"  {label}: flywheel -> file reaches {bound['seconds'] / ours['seconds']:.2f}x of the zstd -3 -T0 bound")
    rss = max((r["rss"] for r in results if r["tool"].startswith("flywheel")), default=0)
    print(f"  flywheel peak RSS over all runs: {rss / 1024:.1f} MiB (goal <= 48 MiB)")


if __name__ == "__main__":
    main()
