package dev.arbiter.rules;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.StoredDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collector;

/**
 * Re-decides the stored decisions of a period under a candidate version, from each one's
 * recorded inputs and model answers ({@link DecisionService#reevaluate}: no model is called).
 * One thread reads batches from the database while the workers re-decide the batches read
 * before; a bounded number of batches is in flight, so memory stays flat however long the
 * period.
 */
public final class Backtest {

    static final int BATCH = 1_000;

    private final DecisionHistory history;
    private final DecisionService service;
    private final int workers;

    public Backtest(DecisionHistory history, DecisionService service, int workers) {
        this.history = history;
        this.service = service;
        this.workers = Math.max(1, workers);
    }

    public BacktestReport run(CompiledRuleset candidate, Instant from, Instant to, int changeLimit) {
        DroolsRuleEvaluator rules = new DroolsRuleEvaluator(candidate);
        Tally total = new Tally(changeLimit);
        inParallel(from, to, batch -> {
            Tally tally = new Tally(changeLimit);
            batch.forEach(stored -> tally.add(stored, service.reevaluate(stored, rules)));
            tally.trim();
            synchronized (total) {
                total.merge(tally);
            }
        });
        return total.report(candidate.version(), from, to);
    }

    /** One stored decision and what each candidate decides for it, in the order the candidates were given. */
    public record Redecided(StoredDecision stored, List<Decision> candidates) {}

    /**
     * Re-decides the stored decisions of [from, to) that {@code which} accepts under each of
     * several candidates, reading the period once. Each batch is folded into a fresh container of
     * {@code collector} on a worker, and the containers are combined; nothing is stored and no
     * candidate is activated.
     */
    public <A, R> R replay(
            List<CompiledRuleset> candidates,
            Instant from,
            Instant to,
            Predicate<StoredDecision> which,
            Collector<Redecided, A, R> collector) {
        List<DroolsRuleEvaluator> rules =
                candidates.stream().map(DroolsRuleEvaluator::new).toList();
        Object lock = new Object();
        List<A> total = new ArrayList<>(List.of(collector.supplier().get()));
        inParallel(from, to, batch -> {
            A container = collector.supplier().get();
            for (StoredDecision stored : batch) {
                if (!which.test(stored)) {
                    continue;
                }
                List<Decision> decided = new ArrayList<>(rules.size());
                rules.forEach(r -> decided.add(service.reevaluate(stored, r)));
                collector.accumulator().accept(container, new Redecided(stored, List.copyOf(decided)));
            }
            synchronized (lock) {
                total.set(0, collector.combiner().apply(total.get(0), container));
            }
        });
        return collector.finisher().apply(total.get(0));
    }

    /** Hands each batch of [from, to) to {@code work} on the workers, a bounded number of batches in flight. */
    private void inParallel(Instant from, Instant to, Consumer<List<StoredDecision>> work) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "backtest");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(workers * 2);
        List<Future<?>> batches = new ArrayList<>();
        try {
            history.forEachBatch(from, to, BATCH, batch -> {
                inFlight.acquireUninterruptibly();
                batches.add(pool.submit(() -> {
                    try {
                        work.accept(batch.get());
                    } finally {
                        inFlight.release();
                    }
                }));
            });
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backtest interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("backtest failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts of one batch, or of all batches merged; of the changes, only the earliest {@code limit} are kept. */
    private static final class Tally {
        private static final Comparator<BacktestReport.Change> EARLIEST =
                Comparator.comparing(BacktestReport.Change::decidedAt).thenComparing(BacktestReport.Change::decisionId);
        private final int limit;
        private long changed;
        private final long[][] matrix = new long[Outcome.values().length][Outcome.values().length];
        private final long[] decisions = new long[2];
        private final long[] approvedRecorded = new long[2];
        private final long[] approvedCandidate = new long[2];
        private final Map<String, long[]> rules = new HashMap<>();
        private final List<BacktestReport.Change> changes = new ArrayList<>();

        Tally(int limit) {
            this.limit = limit;
        }

        void add(StoredDecision stored, Decision candidate) {
            Decision recorded = stored.decision();
            matrix[recorded.outcome().ordinal()][candidate.outcome().ordinal()]++;
            int segment = recorded.features().thinFile() ? 1 : 0;
            decisions[segment]++;
            approvedRecorded[segment] += recorded.outcome() == Outcome.APPROVE ? 1 : 0;
            approvedCandidate[segment] += candidate.outcome() == Outcome.APPROVE ? 1 : 0;
            recorded.firedRules().forEach(rule -> count(rule, 0));
            candidate.firedRules().forEach(rule -> count(rule, 1));
            if (recorded.outcome() != candidate.outcome()) {
                changed++;
                changes.add(new BacktestReport.Change(
                        recorded.id(),
                        recorded.applicationId(),
                        recorded.decidedAt(),
                        recorded.rulesetVersion(),
                        recorded.outcome(),
                        candidate.outcome(),
                        codes(recorded.reasons()),
                        codes(candidate.reasons())));
            }
        }

        private void count(FiredRule rule, int side) {
            rules.computeIfAbsent(rule.ruleCode(), code -> new long[2])[side]++;
        }

        void merge(Tally other) {
            for (int i = 0; i < matrix.length; i++) {
                for (int j = 0; j < matrix.length; j++) {
                    matrix[i][j] += other.matrix[i][j];
                }
            }
            for (int s = 0; s < 2; s++) {
                decisions[s] += other.decisions[s];
                approvedRecorded[s] += other.approvedRecorded[s];
                approvedCandidate[s] += other.approvedCandidate[s];
            }
            other.rules.forEach((code, counts) -> {
                long[] mine = rules.computeIfAbsent(code, c -> new long[2]);
                mine[0] += counts[0];
                mine[1] += counts[1];
            });
            changed += other.changed;
            changes.addAll(other.changes);
            trim();
        }

        void trim() {
            changes.sort(EARLIEST);
            if (changes.size() > limit) {
                changes.subList(limit, changes.size()).clear();
            }
        }

        BacktestReport report(String version, Instant from, Instant to) {
            Map<Outcome, Map<Outcome, Long>> table = new EnumMap<>(Outcome.class);
            for (Outcome a : Outcome.values()) {
                Map<Outcome, Long> row = new EnumMap<>(Outcome.class);
                for (Outcome b : Outcome.values()) {
                    row.put(b, matrix[a.ordinal()][b.ordinal()]);
                }
                table.put(a, row);
            }
            List<BacktestReport.Segment> segments = List.of(segment("thick-file", 0), segment("thin-file", 1));
            var ratio = new BacktestReport.Ratio(ratio(approvedRecorded), ratio(approvedCandidate));
            List<BacktestReport.RuleShift> shifts = new ArrayList<>();
            new TreeSet<>(rules.keySet()).forEach(code -> {
                long[] c = rules.get(code);
                shifts.add(new BacktestReport.RuleShift(code, c[0], c[1], c[1] - c[0]));
            });
            trim();
            return new BacktestReport(
                    version,
                    from,
                    to,
                    decisions[0] + decisions[1],
                    changed,
                    table,
                    List.copyOf(changes),
                    segments,
                    ratio,
                    shifts);
        }

        private BacktestReport.Segment segment(String name, int s) {
            double before = rate(approvedRecorded[s], decisions[s]);
            double after = rate(approvedCandidate[s], decisions[s]);
            return new BacktestReport.Segment(name, decisions[s], before, after, round(after - before));
        }

        /** Thin-file approval rate over thick-file approval rate; null when either segment is empty or never approved. */
        private Double ratio(long[] approved) {
            if (decisions[0] == 0 || decisions[1] == 0 || approved[0] == 0) {
                return null;
            }
            return round(((double) approved[1] / decisions[1]) / ((double) approved[0] / decisions[0]));
        }

        private static double rate(long part, long whole) {
            return whole == 0 ? 0 : round((double) part / whole);
        }

        private static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }

        private static List<String> codes(List<Reason> reasons) {
            return reasons.stream().map(Reason::code).toList();
        }
    }
}
