#!/usr/bin/env python3
"""Where a load run's CPU went: an async-profiler collapsed profile (receiver-load.sh with PROFILER set) summed into
the receiver's stages, as a share of the samples and, given the run's CPU per request, in microseconds per request.
Usage: benchmarks/profile-buckets.py PROFILE.collapsed [CPU_US_PER_REQUEST]"""
import collections
import re
import sys

# Matched against the native frames below the last Java one: system calls on sockets, wake-ups.
NATIVE_RULES = [
    ("socket writes (the answer, loopback to wrk)", r"writev|__write|sys_write|tcp_sendmsg"),
    ("socket reads", r"^read$|__read|sys_read|tcp_recvmsg|readv"),
    ("epoll (Jetty's selector)", r"epoll"),
    ("thread hand-offs (futex, park, unpark)", r"futex|pthread_cond|Unsafe_Park|Unsafe_Unpark"),
]
# Then against the whole stack, first match wins: the receiver's own stages, then Jetty and the JVM.
RULES = [
    ("repository peek", r"RepositoryPeek"),
    ("push parse (Jackson)", r"PushParser"),
    ("HMAC", r"signature/|WebhookSecret|javax/crypto|sun/security|com/sun/crypto|sha256_implCompress|Sha"),
    ("store and scheduling (accepted path)", r"HookRunner|receiver/store|sqlite|Database"),
    ("command runs", r"receiver/run/|ProcessImpl|ProcessBuilder|jspawnhelper|fork|vfork|posix_spawn"),
    ("delivery log line", r"DeliveryLogLine|AsyncLogHandler|java/util/logging"),
    ("metrics", r"receiver/metrics|micrometer"),
    ("engine: dedupe, match, record, answer", r"signedwebhook/core/"),
    ("body reader", r"BodyReader|BoundedBody"),
    ("receiver handler", r"signedwebhook/receiver/"),
    ("JIT compiler", r"C2Compiler|C1Compiler|CompileBroker|Compile::"),
    ("GC", r"G1|GCTask|WorkerThread|ParallelTask"),
    ("Jetty (HTTP parse, dispatch, response)", r"org/eclipse/jetty"),
]


def main():
    counts = collections.Counter()
    total = 0
    with open(sys.argv[1]) as profile:
        for line in profile:
            stack, _, n = line.rstrip("\n").rpartition(" ")
            if not n.isdigit():
                continue
            n = int(n)
            total += n
            frames = stack.split(";")
            java = [k for k, frame in enumerate(frames) if "/" in frame]
            tail = frames[java[-1] + 1:] if java else frames
            name = next((name for name, pattern in NATIVE_RULES if any(re.search(pattern, f) for f in tail)), None)
            if name is None:
                name = next((name for name, pattern in RULES if re.search(pattern, stack)), "other (JVM, kernel)")
            counts[name] += n
    per_request = float(sys.argv[2]) if len(sys.argv) > 2 else None
    for name, n in counts.most_common():
        share = n / total
        cost = " %6.1f us/request" % (share * per_request) if per_request else ""
        print("%5.1f%%%s  %s" % (100 * share, cost, name))
    print("%d samples" % total)


if __name__ == "__main__":
    main()
