package io.moonpool.sim;

/** Prints the timeline of each failing seed given, one entry per line, for the fresh-JVM replay test. */
public final class TimelineMain {

    private TimelineMain() {}

    /**
     * Entry point.
     *
     * @param args the seeds
     */
    public static void main(String[] args) {
        for (String arg : args) {
            long seed = Long.parseLong(arg);
            SimulationReport report = SimulationBuilder.create()
                    .workload(TimelineTest.racers(true))
                    .seeds(seed)
                    .run();
            report.timeline(seed).forEach(System.out::println);
        }
    }
}
