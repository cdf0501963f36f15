package io.moonpool.archunit;

import com.tngtech.archunit.core.domain.JavaAccess;

/**
 * One call that no seed controls, how to recognise it, and what simulated code calls instead.
 *
 * @param family  the rule it belongs to
 * @param call    the call as a reader writes it ({@code "System.nanoTime()"}); {@code {name}} stands for the
 *                called method's name and {@code {owner}} for the simple name of the type it is called on, for
 *                patterns that match several
 * @param effect  why it breaks replay, as the rest of a sentence that starts with the call
 * @param instead what to call instead, naming the provider of {@code SimContext} as user code spells it;
 *                {@code {name}} and {@code {owner}} as in
 *                {@code call}
 * @param pattern which accesses in byte code are this call
 */
record BannedCall(Nondeterminism family, String call, String effect, String instead, CallPattern pattern) {

    /**
     * The message for one access: ArchUnit's description of it (caller, callee, source line), the call, why
     * it is banned and what to use instead.
     */
    String message(JavaAccess<?> access) {
        return access.getDescription() + ": " + named(call, access) + " " + effect + "; use " + named(instead, access)
                + " instead";
    }

    private static String named(String text, JavaAccess<?> access) {
        return text.replace("{name}", access.getTarget().getName())
                .replace("{owner}", access.getTargetOwner().getSimpleName());
    }
}
