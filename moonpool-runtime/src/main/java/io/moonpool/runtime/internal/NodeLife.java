package io.moonpool.runtime.internal;

import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one node owns while it lives, and where it is in its life: its tasks' threads, its open connections,
 * listeners and channels. Every change of phase and every registration happens under one monitor, so that a
 * task spawned or a connection opened while the node stops is either stopped with the others or refused.
 */
public final class NodeLife {

    /** Where a node is in its life; it only moves forward. */
    public enum Phase {
        /** Running normally. */
        RUNNING,
        /** The shutdown signal has fired; the node's tasks have their grace period to end. */
        SHUTTING_DOWN,
        /** The node's tasks are being interrupted and its resources closed; nothing new is accepted. */
        STOPPING,
        /** Everything is closed. */
        TERMINATED
    }

    private final InetAddress ip;
    private final long startNanos = System.nanoTime();
    private final Object monitor = new Object();
    private Phase phase = Phase.RUNNING;
    private final Set<Thread> threads = new LinkedHashSet<>();
    private final Set<TcpConnection> connections = new LinkedHashSet<>();
    private final Set<TcpListener> listeners = new LinkedHashSet<>();
    private final Set<FileChannel> channels = new LinkedHashSet<>();
    /** Tasks that failed with nobody joining them yet, in the order they failed. */
    private final Set<NodeTask<?>> unjoinedFailures = new LinkedHashSet<>();

    /**
     * A node's life, starting now.
     *
     * @param ip the node's IP
     */
    public NodeLife(InetAddress ip) {
        this.ip = ip;
    }

    /**
     * The node's IP.
     *
     * @return the IP
     */
    public InetAddress ip() {
        return ip;
    }

    /**
     * The node's name in messages: {@code "node 127.0.0.1"}.
     *
     * @return the name
     */
    public String name() {
        return "node " + ip.getHostAddress();
    }

    /**
     * Nanoseconds since the node was built, from {@link System#nanoTime()}.
     *
     * @return a monotonic count
     */
    public long nanosSinceStart() {
        return System.nanoTime() - startNanos;
    }

    /**
     * Where the node is now.
     *
     * @return the phase
     */
    public Phase phase() {
        synchronized (monitor) {
            return phase;
        }
    }

    /**
     * Moves the node to a later phase; a phase it is already past is ignored.
     *
     * @param next the phase to move to
     * @return true if the node moved
     */
    public boolean advance(Phase next) {
        synchronized (monitor) {
            if (next.compareTo(phase) <= 0) {
                return false;
            }
            phase = next;
            monitor.notifyAll();
            return true;
        }
    }

    /**
     * Creates an unstarted virtual thread owned by the node: registered now, forgotten when it ends.
     *
     * @param name the thread's name
     * @param body what it runs
     * @return the thread, to start
     * @throws IllegalStateException if the node is stopping or stopped, naming it
     */
    public Thread newThread(String name, Runnable body) {
        synchronized (monitor) {
            if (phase.compareTo(Phase.STOPPING) >= 0) {
                throw new IllegalStateException("cannot start task '" + name + "': " + name() + " has shut down"
                        + " (a node starts no task once its grace period is over or it was aborted)");
            }
            Thread[] self = new Thread[1];
            Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
                try {
                    body.run();
                } finally {
                    synchronized (monitor) {
                        threads.remove(self[0]);
                        monitor.notifyAll();
                    }
                }
            });
            self[0] = t;
            threads.add(t);
            return t;
        }
    }

    /**
     * Whether the calling thread is one of the node's tasks.
     *
     * @return true on a thread the node owns
     */
    public boolean ownsCurrentThread() {
        synchronized (monitor) {
            return threads.contains(Thread.currentThread());
        }
    }

    /**
     * Waits until every thread of the node has ended, the time is up or the node moves to {@code until}.
     *
     * @param limit how long to wait at most
     * @param until a phase that ends the wait early
     * @param ignored a thread not to wait for (the caller's own), or null
     * @return true if no thread but {@code ignored} is left
     */
    public boolean awaitThreads(Duration limit, Phase until, Thread ignored) {
        long start = System.nanoTime();
        long limitNanos = saturatedNanos(limit);
        boolean interrupted = false;
        try {
            synchronized (monitor) {
                while (true) {
                    boolean none = threads.isEmpty() || (threads.size() == 1 && threads.contains(ignored));
                    long left = limitNanos - (System.nanoTime() - start);
                    if (none || left <= 0 || phase.compareTo(until) >= 0) {
                        return none;
                    }
                    try {
                        monitor.wait(Math.max(1, left / 1_000_000), 0);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The threads of the node now, in the order they were started.
     *
     * @return a copy
     */
    public List<Thread> threads() {
        synchronized (monitor) {
            return new ArrayList<>(threads);
        }
    }

    /**
     * Registers an open connection.
     *
     * @param c the connection
     * @return false if the node is stopping (the caller closes it)
     */
    boolean register(TcpConnection c) {
        synchronized (monitor) {
            return phase.compareTo(Phase.STOPPING) < 0 && connections.add(c);
        }
    }

    void forget(TcpConnection c) {
        synchronized (monitor) {
            connections.remove(c);
        }
    }

    boolean register(TcpListener l) {
        synchronized (monitor) {
            return phase.compareTo(Phase.STOPPING) < 0 && listeners.add(l);
        }
    }

    void forget(TcpListener l) {
        synchronized (monitor) {
            listeners.remove(l);
        }
    }

    boolean register(FileChannel ch) {
        synchronized (monitor) {
            channels.removeIf(c -> !c.isOpen()); // closed by their users
            return phase.compareTo(Phase.STOPPING) < 0 && channels.add(ch);
        }
    }

    void failed(NodeTask<?> task) {
        synchronized (monitor) {
            unjoinedFailures.add(task);
        }
    }

    void joined(NodeTask<?> task) {
        synchronized (monitor) {
            unjoinedFailures.remove(task);
        }
    }

    /**
     * Logs every failure of a task nobody has joined, and forgets them: the end of the node's life, where the
     * simulator would fail the seed.
     *
     * @param toStandardError print them to {@code System.err} instead of logging them (the JVM is exiting, and
     *                        {@code java.util.logging} resets itself in a shutdown hook of its own)
     */
    public void logUnjoinedFailures(boolean toStandardError) {
        List<NodeTask<?>> failed;
        synchronized (monitor) {
            failed = new ArrayList<>(unjoinedFailures);
            unjoinedFailures.clear();
        }
        for (NodeTask<?> t : failed) {
            t.logUnjoinedFailure(toStandardError);
        }
    }

    /**
     * Closes what the node has open: listeners, then connections (FIN when {@code graceful}, RST otherwise),
     * then file channels (without forcing them).
     *
     * @param graceful whether connections close (FIN) or reset (RST)
     */
    public void closeResources(boolean graceful) {
        List<TcpListener> ls;
        List<TcpConnection> cs;
        List<FileChannel> chs;
        synchronized (monitor) {
            ls = new ArrayList<>(listeners);
            cs = new ArrayList<>(connections);
            chs = new ArrayList<>(channels);
            listeners.clear();
            connections.clear();
            channels.clear();
        }
        for (TcpListener l : ls) {
            l.close();
        }
        for (TcpConnection c : cs) {
            if (graceful) {
                c.close();
            } else {
                c.abort();
            }
        }
        for (FileChannel ch : chs) {
            try {
                ch.close();
            } catch (java.io.IOException e) {
                // closing is all that is left to do with it
            }
        }
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
