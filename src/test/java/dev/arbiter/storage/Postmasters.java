package dev.arbiter.storage;

import java.util.ArrayList;
import java.util.List;

/** Crashes for tests: what {@code kill -9} does to a PostgreSQL server. */
public final class Postmasters {

    private Postmasters() {}

    /** {@code kill -9} of the postmaster alone: its backends notice and exit on their own. */
    public static void killPostmaster(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * {@code kill -9} of the postmaster and every process of its server at once, as a crash of
     * the server would: nothing still in PostgreSQL's shared memory reaches the WAL on disk.
     */
    public static void killServer(long pid) {
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        // listed before the kill: once the postmaster is gone its children belong to init
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
    }
}
