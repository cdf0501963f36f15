package io.moonpool.runtime.internal;

import io.moonpool.api.Shutdown;
import java.util.concurrent.CountDownLatch;

/** A node's {@link Shutdown}: fires once, never resets. */
public final class ShutdownSignal implements Shutdown {

    private final CountDownLatch fired = new CountDownLatch(1);

    /** Fires the signal; later calls do nothing. */
    public void fire() {
        fired.countDown();
    }

    @Override
    public boolean isRequested() {
        return fired.getCount() == 0;
    }

    @Override
    public void await() throws InterruptedException {
        fired.await();
    }
}
