package io.moonpool.storage.internal;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * One image of a file's contents (what readers see now, or what is durable): a size and the bytes, kept in
 * pages of {@value #PAGE} bytes keyed by page number, so that a hole (a range never written) costs nothing
 * and reads as zeros.
 *
 * <p>Invariants: no page lies wholly at or past {@link #size()}, and every byte of a page at or past the size
 * is zero, so growing the file shows zeros in between. A page array belongs to this image alone, except
 * that the other image of the same file may hold the very same array at the same page number (after a
 * crash, the live image starts as a copy of the durable one sharing all its pages); an image that changes a
 * page first copies it when its {@code sharer} holds that array (copy on write). No other image ever holds
 * one of these arrays, so comparing with the sharer's page is the whole ownership test.
 */
final class Image {

    static final int PAGE_SHIFT = 12;
    static final int PAGE = 1 << PAGE_SHIFT;

    private final TreeMap<Long, byte[]> pages;
    private long size;

    Image() {
        this(new TreeMap<>(), 0);
    }

    private Image(TreeMap<Long, byte[]> pages, long size) {
        this.pages = pages;
        this.size = size;
    }

    long size() {
        return size;
    }

    /** How many pages hold bytes: what the image costs, holes excluded. */
    int pageCount() {
        return pages.size();
    }

    /** A copy that shares every page with this image until either changes it. */
    Image copy() {
        return new Image(new TreeMap<>(pages), size);
    }

    /** Copies up to {@code len} bytes from {@code pos}, holes as zeros; returns how many (0 at or past the end). */
    int read(long pos, byte[] into, int off, int len) {
        if (pos >= size) {
            return 0;
        }
        int n = (int) Math.min(len, size - pos);
        int done = 0;
        while (done < n) {
            long at = pos + done;
            int inPage = (int) (at & (PAGE - 1));
            int chunk = Math.min(n - done, PAGE - inPage);
            byte[] page = pages.get(at >>> PAGE_SHIFT);
            if (page == null) {
                Arrays.fill(into, off + done, off + done + chunk, (byte) 0);
            } else {
                System.arraycopy(page, inPage, into, off + done, chunk);
            }
            done += chunk;
        }
        return n;
    }

    /**
     * Stores {@code len} bytes of {@code from} at {@code pos}, growing the size to cover them. The caller has
     * checked that {@code pos + len} is within the file size limit.
     */
    void write(long pos, byte[] from, int off, int len, Image sharer) {
        int done = 0;
        while (done < len) {
            long at = pos + done;
            int inPage = (int) (at & (PAGE - 1));
            int chunk = Math.min(len - done, PAGE - inPage);
            System.arraycopy(from, off + done, ownPage(at >>> PAGE_SHIFT, sharer), inPage, chunk);
            done += chunk;
        }
        size = Math.max(size, pos + len);
    }

    /** Shrinks to {@code newSize} (nothing if not smaller): whole pages past it go, the rest of its page is zeroed. */
    void truncate(long newSize, Image sharer) {
        if (newSize >= size) {
            return;
        }
        long firstGone = (newSize + PAGE - 1) >>> PAGE_SHIFT;
        pages.tailMap(firstGone, true).clear();
        int inPage = (int) (newSize & (PAGE - 1));
        if (inPage != 0 && pages.containsKey(newSize >>> PAGE_SHIFT)) {
            Arrays.fill(ownPage(newSize >>> PAGE_SHIFT, sharer), inPage, PAGE, (byte) 0);
        }
        size = newSize;
    }

    /** The page to change, made if it is a hole and copied first if the sharer holds the same array. */
    private byte[] ownPage(long number, Image sharer) {
        byte[] page = pages.get(number);
        if (page == null) {
            page = new byte[PAGE];
            pages.put(number, page);
        } else if (sharer != null && sharer.pages.get(number) == page) {
            page = page.clone();
            pages.put(number, page);
        }
        return page;
    }
}
