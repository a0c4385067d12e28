package dev.warden.spring.boot;

import dev.warden.core.AccessRequest;
import dev.warden.core.Decision;
import dev.warden.core.DecisionListener;
import java.util.List;

/** The application's {@link DecisionListener} beans as one, each told in order. */
record DecisionListeners(List<DecisionListener> listeners) implements DecisionListener {
    DecisionListeners {
        listeners = List.copyOf(listeners);
    }

    @Override
    public void onDecision(AccessRequest request, Decision decision) {
        for (DecisionListener l : listeners) {
            l.onDecision(request, decision);
        }
    }
}
