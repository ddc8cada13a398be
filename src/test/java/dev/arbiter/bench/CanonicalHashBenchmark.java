package dev.arbiter.bench;

import dev.arbiter.hashing.CanonicalJson;
import dev.arbiter.hashing.Digests;
import dev.arbiter.tools.RunGermanCredit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request fingerprint's hash (RFC 8785 canonical form, SHA-256) of German credit decision
 * requests, as the text is built and then encoded ({@code viaText}, how it was done) and in one
 * pass into the digest ({@code onePass}, {@link CanonicalJson#sha256}). Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per hash, which does not
 * depend on how loaded the machine is.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class CanonicalHashBenchmark {

    @State(Scope.Benchmark)
    public static class Requests {
        List<Map<String, Object>> trees;
        int next;

        @Setup
        public void read() throws Exception {
            var json = JsonMapper.builder().build();
            trees = Workload.germanCreditRows().stream()
                    .limit(100)
                    .map(row -> json.convertValue(
                            RunGermanCredit.request(row.application(), "bench-" + row.hashCode(), row.monitoring()),
                            new TypeReference<Map<String, Object>>() {}))
                    .toList();
        }

        Map<String, Object> next() {
            next = (next + 1) % trees.size();
            return trees.get(next);
        }
    }

    @Benchmark
    public String viaText(Requests requests) {
        return Digests.sha256Hex(CanonicalJson.write(requests.next()).getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public String onePass(Requests requests) {
        return CanonicalJson.sha256(requests.next());
    }
}
