import atexit, collections, threading, time
import fake_google.routes as routes
stats = collections.defaultdict(lambda: [0, 0.0])
lock = threading.Lock()
orig = routes.dispatch
def dispatch(fake, incoming, in_batch=False):
    t = time.perf_counter()
    try:
        return orig(fake, incoming, in_batch)
    finally:
        route = routes.match_route(incoming.method, incoming.raw_path)
        name = route[0].name if isinstance(route, tuple) and route[0] else str(route)[:40]
        with lock:
            stats[name][0] += 1; stats[name][1] += time.perf_counter() - t
routes.dispatch = dispatch
@atexit.register
def show():
    for k, (n, s) in sorted(stats.items(), key=lambda kv: -kv[1][1])[:15]:
        print(f"{k:<60}{n:>6}{s:>8.2f}")
