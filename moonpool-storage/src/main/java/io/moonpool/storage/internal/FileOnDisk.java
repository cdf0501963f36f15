package io.moonpool.storage.internal;

import java.net.InetAddress;

/**
 * A file of one IP's disk, as the timeline names it when no task of that node writes the entry (a crash):
 * {@code 10.0.1.1:wal}. Deterministic {@code toString}: addresses and paths only.
 *
 * @param ip   the disk's IP
 * @param path the file's normalised path
 */
record FileOnDisk(InetAddress ip, String path) {

    @Override
    public String toString() {
        return ip.getHostAddress() + ":" + path;
    }
}
