package io.moonpool.it;

import java.util.ArrayList;
import java.util.List;

/**
 * What the processes and injectors of one test saw: each test binds its own with {@code .module(...)}, so
 * that no state is shared between tests through static fields.
 */
public final class Journal {

    private final List<String> boots = new ArrayList<>();
    private final List<String> injections = new ArrayList<>();
    private int instances;

    /** A journal with nothing in it. */
    public Journal() {}

    /** The number of the next process instance built, from 1. */
    int nextInstance() {
        return ++instances;
    }

    /** One line per process boot, in order. */
    List<String> boots() {
        return boots;
    }

    /** One line per run of {@link GreeterInjector}, in order. */
    List<String> injections() {
        return injections;
    }
}
