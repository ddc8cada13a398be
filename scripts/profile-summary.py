"""Summarises async-profiler's folded stacks (collapsed, with threads): CPU by thread group, by
the innermost library frame of the request threads, and the Arbiter frames with the most samples
under them.   python3 scripts/profile-summary.py target/profile/post.collapsed"""
import collections
import re
import sys

LIBRARIES = [
    ("dev/arbiter", "Arbiter"), ("tools/jackson", "Jackson"), ("com/fasterxml", "Jackson"),
    ("org/drools", "Drools"), ("org/kie", "Drools"), ("org/mvel", "MVEL"),
    ("org/apache/catalina", "Tomcat"), ("org/apache/coyote", "Tomcat"), ("org/apache/tomcat", "Tomcat"),
    ("org/springframework/security", "Spring Security"), ("org/springframework", "Spring"),
    ("org/postgresql", "PgJDBC"), ("com/zaxxer", "HikariCP"), ("io/micrometer", "Micrometer"),
    ("org/bouncycastle", "Bouncy Castle"), ("org/hibernate/validator", "Bean Validation"),
    ("ch/qos/logback", "Logback"),
]


def library(frame):
    for prefix, name in LIBRARIES:
        if frame.startswith(prefix):
            return name
    return None


threads, libraries, under = collections.Counter(), collections.Counter(), collections.Counter()
total = requests = 0
for line in open(sys.argv[1]):
    stack, count = line.rstrip().rsplit(" ", 1)
    count = int(count)
    frames = stack.split(";")
    total += count
    group = re.sub(r"[-#]?\d+", "N", frames[0].split(" tid=")[0].strip("["))
    threads[group] += count
    if "-exec-" not in frames[0]:
        continue
    requests += count
    inner = next((library(f) for f in reversed(frames) if library(f)), None)
    if inner is None:
        inner = "kernel" if frames[-1].endswith("_[k]") else "JDK and JVM"
    libraries[inner] += count
    for frame in set(frames):
        if frame.startswith("dev/arbiter") and "$$Lambda" not in frame and "lambda$" not in frame:
            under[frame] += count

print("samples: %d (1 ms each: %.2f cores over 20 s)" % (total, total / 20000.0))
print("by thread group:")
for name, n in threads.most_common(6):
    print("  %5.1f %%  %s" % (100.0 * n / total, name))
print("request threads, by innermost library frame (JDK frames count for the library calling them):")
for name, n in libraries.most_common(12):
    print("  %5.1f %%  %s" % (100.0 * n / requests, name))
print("request threads, Arbiter frames with the most samples under them:")
for frame, n in under.most_common(25):
    print("  %5.1f %%  %s" % (100.0 * n / requests, frame))
