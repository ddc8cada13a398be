package dev.arbiter.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What one HTTP request costs a running Arbiter JVM, in counts that do not depend on how busy
 * the machine is: heap bytes allocated and CPU time, on the request threads (Tomcat's
 * {@code http-nio-...-exec-N}) and in the whole JVM (every thread: the request threads, the chain
 * linker, the pool's housekeeping, the JIT compilers' CPU, the garbage collector's CPU).
 *
 * <p>It attaches to the Arbiter process (same user, {@code jdk.attach}), starts its local JMX
 * agent, and reads {@code com.sun.management.ThreadMXBean} and the process CPU time:
 *
 * <pre>
 * RequestCost snapshot &lt;pid&gt; &lt;file&gt;               # before the measured phase
 * RequestCost since &lt;pid&gt; &lt;file&gt; &lt;requests&gt; &lt;label&gt;  # after it: per request, one line
 * </pre>
 *
 * Bytes allocated per request are exact (the JVM counts them per thread); CPU per request still
 * varies a little with the machine's load (caches, frequency), much less than a rate does. Run it
 * after a warm-up of thousands of requests, so that the JIT has compiled the request path
 * ({@code scripts/request-cost.sh} does). The JMX connection's own threads allocate a few
 * kilobytes, counted in the whole-JVM figure only.
 */
public final class RequestCost {

    private RequestCost() {}

    public static void main(String[] args) throws Exception {
        String pid = args[1];
        Path file = Path.of(args[2]);
        Counts now = read(pid);
        if (args[0].equals("snapshot")) {
            Files.writeString(file, now.format());
        } else if (args[0].equals("since")) {
            Counts before = Counts.parse(Files.readString(file));
            int requests = Integer.parseInt(args[3]);
            System.out.println(per(before, now, requests, args.length > 4 ? args[4] : "per request"));
        } else {
            throw new IllegalArgumentException("snapshot or since, not " + args[0]);
        }
    }

    static String per(Counts a, Counts b, int requests, String label) {
        double n = Math.max(1, requests);
        long requestBytes = 0;
        long requestCpu = 0;
        for (var e : b.requestThreads().entrySet()) {
            long[] then = a.requestThreads().getOrDefault(e.getKey(), new long[] {0, 0});
            requestBytes += e.getValue()[0] - then[0];
            requestCpu += e.getValue()[1] - then[1];
        }
        return ("%s over %d requests: allocated %,.0f B on request threads, %,.0f B in the JVM;"
                        + " CPU %.3f ms on request threads, %.3f ms in the JVM (GC pauses %.3f ms)")
                .formatted(
                        label,
                        requests,
                        requestBytes / n,
                        (b.jvmBytes() - a.jvmBytes()) / n,
                        requestCpu / 1e6 / n,
                        (b.processCpuNanos() - a.processCpuNanos()) / 1e6 / n,
                        (b.gcMillis() - a.gcMillis()) / n);
    }

    /**
     * One reading.
     *
     * @param requestThreads per request thread id: bytes allocated, CPU nanoseconds
     */
    record Counts(long jvmBytes, long processCpuNanos, long gcMillis, Map<Long, long[]> requestThreads) {

        String format() {
            StringBuilder text = new StringBuilder();
            text.append(jvmBytes)
                    .append(' ')
                    .append(processCpuNanos)
                    .append(' ')
                    .append(gcMillis)
                    .append('\n');
            requestThreads.forEach((id, v) -> text.append(id)
                    .append(' ')
                    .append(v[0])
                    .append(' ')
                    .append(v[1])
                    .append('\n'));
            return text.toString();
        }

        static Counts parse(String text) {
            String[] lines = text.split("\n");
            String[] head = lines[0].trim().split(" ");
            Map<Long, long[]> threads = new HashMap<>();
            for (String line : Arrays.asList(lines).subList(1, lines.length)) {
                if (!line.isBlank()) {
                    String[] f = line.trim().split(" ");
                    threads.put(Long.parseLong(f[0]), new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
            return new Counts(Long.parseLong(head[0]), Long.parseLong(head[1]), Long.parseLong(head[2]), threads);
        }
    }

    private static Counts read(String pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            Properties agent = vm.getAgentProperties();
            address = agent.getProperty("com.sun.management.jmxremote.localConnectorAddress");
            if (address == null) {
                address = vm.startLocalManagementAgent();
            }
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(
                    server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            OperatingSystemMXBean os = ManagementFactory.newPlatformMXBeanProxy(
                    server, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, OperatingSystemMXBean.class);
            long gc = 0;
            for (var bean :
                    ManagementFactory.getPlatformMXBeans(server, java.lang.management.GarbageCollectorMXBean.class)) {
                gc += Math.max(0, bean.getCollectionTime());
            }
            List<Long> ids = new ArrayList<>();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null
                        && info.getThreadName().startsWith("http-nio-")
                        && info.getThreadName().contains("-exec-")) {
                    ids.add(info.getThreadId());
                }
            }
            long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
            long[] bytes = threads.getThreadAllocatedBytes(idArray);
            long[] cpu = threads.getThreadCpuTime(idArray);
            Map<Long, long[]> requestThreads = new HashMap<>();
            for (int i = 0; i < idArray.length; i++) {
                if (bytes[i] >= 0 && cpu[i] >= 0) {
                    requestThreads.put(idArray[i], new long[] {bytes[i], cpu[i]});
                }
            }
            return new Counts(threads.getTotalThreadAllocatedBytes(), os.getProcessCpuTime(), gc, requestThreads);
        } catch (IOException e) {
            throw new IOException("cannot read the JVM's counters at " + address, e);
        }
    }
}
