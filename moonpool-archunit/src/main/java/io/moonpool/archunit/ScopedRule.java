package io.moonpool.archunit;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.Priority;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * A rule that no class of a {@link SimulatedScope} makes any of some {@link BannedCall}s.
 *
 * <p>ArchUnit's own {@code noClasses().that(...).should(...)} would do, but for the empty scope: here it fails
 * with a message naming the scope and the fix, whatever {@code archRule.failOnEmptyShould} says, since a
 * mistyped package would otherwise make every rule pass while it checks nothing.
 */
final class ScopedRule implements ArchRule {

    private final SimulatedScope scope;
    private final List<BannedCall> calls;
    private final String description;
    private final boolean allowEmpty;

    ScopedRule(SimulatedScope scope, List<BannedCall> calls, String description, boolean allowEmpty) {
        this.scope = scope;
        this.calls = List.copyOf(calls);
        this.description = description;
        this.allowEmpty = allowEmpty;
    }

    @Override
    public void check(JavaClasses classes) {
        Assertions.check(this, classes);
    }

    @Override
    public ArchRule because(String reason) {
        return new ScopedRule(scope, calls, description + ", because " + reason, allowEmpty);
    }

    @Override
    public ArchRule allowEmptyShould(boolean allowEmptyShould) {
        return new ScopedRule(scope, calls, description, allowEmptyShould);
    }

    @Override
    public ArchRule as(String newDescription) {
        return new ScopedRule(scope, calls, newDescription, allowEmpty);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public EvaluationResult evaluate(JavaClasses classes) {
        ConditionEvents events = ConditionEvents.Factory.create();
        int inScope = 0;
        for (JavaClass c : classes) {
            if (!scope.contains().test(c)) {
                continue;
            }
            inScope++;
            for (JavaAccess<?> access : c.getAccessesFromSelf()) {
                for (BannedCall call : calls) {
                    if (call.pattern().test(access)) {
                        events.add(SimpleConditionEvent.violated(access, call.message(access)));
                        break;
                    }
                }
            }
        }
        if (inScope == 0 && !allowEmpty) {
            events.add(SimpleConditionEvent.violated(classes, emptyScope(classes.size())));
        }
        return new EvaluationResult(this, events, Priority.MEDIUM);
    }

    private String emptyScope(int imported) {
        return "none of the " + imported + " imported classes is one of the " + scope.description()
                + ", so this rule would check nothing: import the simulated classes (for example with"
                + " new ClassFileImporter().importPackages(\"com.acme.kv\")), check the package names or the"
                + " annotation, or call allowEmptyShould(true) on the rule if no class is expected";
    }

    @Override
    public String toString() {
        return description;
    }
}
