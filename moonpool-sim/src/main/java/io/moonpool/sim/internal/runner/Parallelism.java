package io.moonpool.sim.internal.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * How many worker JVMs run a simulation's iterations: {@code -Dmoonpool.parallelism=N}, else
 * {@code .parallelism(n)}, else the machine's cores when the builder has a {@code .source(...)} recipe and more
 * than one iteration runs, else 1 (every iteration in this JVM).
 */
public final class Parallelism {

    /** The system property that sets the number of worker JVMs. */
    public static final String PROPERTY = "moonpool.parallelism";

    private Parallelism() {}

    /**
     * What is wrong with the parallelism, source and shard settings.
     *
     * @param s the settings
     * @return the problems, each naming its fix
     */
    static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        String property = property();
        Integer fromProperty = null;
        if (property != null) {
            fromProperty = parse(property);
            if (fromProperty == null) {
                problems.add("system property " + PROPERTY + "=" + property + " is not a number of worker JVMs: give"
                        + " a whole number >= 1, e.g. -D" + PROPERTY + "=2 (1 runs every iteration in this JVM)");
            }
        }
        if (s.parallelism() != null && s.parallelism() < 1) {
            problems.add("parallelism must be at least 1, was " + s.parallelism() + ": use .parallelism(n) with n >= 1"
                    + " (1 runs every iteration in this JVM)");
        }
        // the property alone does not fail a simulation without a source: it is often set for a whole build, whose
        // other simulations use it; such a simulation runs in this JVM
        Integer explicit = s.parallelism();
        if (explicit != null && explicit > 1 && s.source() == null) {
            problems.add("parallelism(" + explicit + ")"
                    + " runs the iterations in worker JVMs, which rebuild the simulation from a recipe: add"
                    + " .source(MyTest.class, \"simulation\") naming a static (or no-argument-constructor instance)"
                    + " method that returns the configured SimulationBuilder, or that takes one and configures it;"
                    + " or use parallelism(1)");
        }
        if (s.source() != null) {
            s.source().problem().ifPresent(problems::add);
        }
        try {
            Shard.fromProperty().ifPresent(shard -> {
                if (s.seeds() == null && s.baseSeed() == null) {
                    problems.add("-D" + Shard.PROPERTY + "=" + shard + " runs part of a seed sequence that every shard"
                            + " must share: give them the same base seed, -D" + RunProperties.BASE_SEED_PROPERTY
                            + "=N (or .baseSeed(N) in the code); without one each shard would pick its own");
                }
                if (s.untilCoverage() != null) {
                    problems.add("-D" + Shard.PROPERTY + "=" + shard + " runs part of the seed sequence, but"
                            + " untilCoverage(max) decides from every seed before it whether to go on: run a"
                            + " coverage-driven simulation unsharded, or give it iterations(n)");
                }
            });
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /**
     * The fewest iterations that use worker JVMs when no parallelism is given: a worker costs a JVM start and its
     * warm-up, which a handful of seeds does not repay.
     */
    static final int DEFAULT_MIN_ITERATIONS = 20;

    /**
     * The number of worker JVMs for a validated run.
     *
     * @param s          the settings
     * @param iterations how many iterations this JVM runs at most
     * @return 1 to run them here, or the number of worker JVMs
     */
    static int workers(Settings s, long iterations) {
        String property = property();
        Integer explicit = property != null ? parse(property) : s.parallelism();
        long n;
        if (s.source() == null) {
            n = 1; // run() rejected parallelism(n > 1) without a source; the property alone falls back to this JVM
        } else if (explicit != null) {
            n = explicit;
        } else if (iterations >= DEFAULT_MIN_ITERATIONS) {
            n = Runtime.getRuntime().availableProcessors();
        } else {
            n = 1;
        }
        return (int) Math.max(1, Math.min(n, iterations));
    }

    /**
     * What must be the same in the builder a worker JVM rebuilds from the recipe and the parent's: what the
     * iterations run, not how many run.
     *
     * @param s the settings
     * @return a description, equal for equal configurations
     */
    public static String fingerprint(Settings s) {
        StringBuilder b = new StringBuilder();
        b.append("workloads ");
        s.workloads().forEach(w -> b.append(stable(w.getClass())).append(' '));
        b.append("| processes ").append(s.processCount());
        b.append(" placed ").append(s.placement());
        if (s.processClass() != null) {
            b.append(' ').append(stable(s.processClass()));
        }
        b.append(" | faults ").append(s.faultNames());
        b.append(" | injectors ");
        s.injectors().forEach(i -> b.append(stable(i.getClass())).append(' '));
        b.append("| resources ");
        s.resourceConfigs().forEach(c -> b.append(value(c)).append(' '));
        b.append("| modules ").append(s.modules().size());
        b.append(" | tags ").append(s.tags());
        b.append(" | chaos ").append(s.chaosDuration());
        b.append(" | attrition ").append(value(s.attrition()));
        b.append(" | rebootTiming ").append(value(s.rebootTiming()));
        b.append(" | maxSimulatedTime ").append(s.maxSimulatedTime());
        b.append(" | maxStepsPerInstant ").append(s.maxStepsPerInstant());
        b.append(" | stopOnFirstViolation ").append(s.stopOnFirstViolation());
        b.append(" | buggify ").append(s.buggify());
        b.append(" | timeline ").append(s.timeline());
        b.append(" | invariants ");
        s.invariants().forEach(i -> b.append(i.name()).append(' '));
        b.append("| expected ").append(s.expected());
        return b.toString();
    }

    /**
     * A configuration value as text: a record's components (the resource configurations, attrition and reboot
     * timing are records), without what the JVM makes up per launch (identity hash codes, lambda addresses);
     * another object by its class alone.
     */
    private static String value(Object o) {
        if (o == null) {
            return "none";
        }
        if (!o.getClass().isRecord()) {
            return stable(o.getClass());
        }
        return o.toString()
                .replaceAll("\\$\\$Lambda[/0-9a-zA-Z.$x]*", "\\$\\$Lambda")
                .replaceAll("@[0-9a-f]+", "@");
    }

    /** A class's name without what the JVM makes up per launch (a lambda's or hidden class's address). */
    private static String stable(Class<?> type) {
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            return name.substring(0, lambda) + "$$Lambda";
        }
        int hidden = name.indexOf('/');
        return hidden >= 0 ? name.substring(0, hidden) : name;
    }

    private static String property() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Integer parse(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
