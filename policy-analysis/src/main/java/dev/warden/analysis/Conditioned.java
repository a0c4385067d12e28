package dev.warden.analysis;

import dev.warden.core.Policy;
import dev.warden.core.PolicySet;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements with a condition, which the analyses do not read yet: lint reports them and runs
 * no other rule, diff refuses a set that has one. One definition for both.
 */
final class Conditioned {
    private Conditioned() {}

    /** A statement with a condition: its policy and index. */
    record Statement(Policy policy, int index) {}

    static List<Statement> in(PolicySet set) {
        List<Statement> out = new ArrayList<>();
        for (Policy p : set.policies()) {
            for (int i = 0; i < p.statements().size(); i++) {
                if (p.statements().get(i).condition().isPresent()) {
                    out.add(new Statement(p, i));
                }
            }
        }
        return out;
    }
}
