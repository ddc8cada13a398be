package dev.arbiter.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread's position in the applicant list, so threads cycle through all applicants without sharing a counter. */
@State(Scope.Thread)
public class Cursor {

    private int next;

    int next(int size) {
        int i = next;
        next = i + 1 == size ? 0 : i + 1;
        return i;
    }
}
