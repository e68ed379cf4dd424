package io.l2risk.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.l2risk.engine.RiskEngine;
import io.l2risk.http.RollupStore.KeyOwner;
import io.l2risk.http.RollupStore.LocalStates;
import io.l2risk.http.RollupViews.AlertView;
import io.l2risk.http.RollupViews.RollupView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The read-only API over the current state, correct with any number of instances:
 * <ul>
 *   <li>one rollup: answered from this instance's store if it actively owns the rollup's partition,
 *       else forwarded to the owner with {@code ?local=true} (which never forwards again) and its
 *       answer relayed;</li>
 *   <li>all rollups, all open alerts: every instance answers for the store partitions it owns as
 *       active ({@code ?local=true}, with the list of those partitions), and the answers are merged
 *       only if together they cover every partition exactly once — otherwise (a rebalance moved a
 *       partition between two answers, an instance did not answer) the whole answer is
 *       {@link Unavailable}, never a partial list presented as complete.</li>
 * </ul>
 */
final class RollupQueries {

    /** {@code ?local=true} answer of {@code /api/rollups}. */
    record LocalRollups(SortedSet<Integer> partitions, List<RollupView> rollups) {
    }

    /** {@code ?local=true} answer of {@code /api/alerts}. */
    record LocalAlerts(SortedSet<Integer> partitions, List<AlertView> alerts) {
    }

    /** {@code /api/rollups}: every rollup, sorted by id, and the partition count they cover. */
    record AllRollups(int partitions, List<RollupView> rollups) {
    }

    /** {@code /api/alerts?status=open}: every open alert, CRITICAL first, then oldest first. */
    record OpenAlerts(String status, int partitions, List<AlertView> alerts) {
    }

    private final RollupStore store;
    private final Peers peers;
    private final Endpoint self;
    private final RiskEngine engine;
    private final ObjectMapper json = Json.mapper();

    RollupQueries(RollupStore store, Peers peers, Endpoint self, RiskEngine engine) {
        this.store = store;
        this.peers = peers;
        this.self = self;
        this.engine = engine;
    }

    /** {@code GET /api/rollups/{id}}: 200 with the rollup, 404 if no instance has it, 503 if it cannot be known now. */
    Response rollup(String rollupId, boolean local) throws Unavailable {
        KeyOwner owner = store.owner(rollupId);
        if (owner.host().equals(self)) {
            Optional<byte[]> state = store.localGet(rollupId, owner.partition());
            if (state.isEmpty()) {
                return Response.error(404, "not_found", "no rollup \"" + rollupId + "\" has been seen");
            }
            return Response.json(200, RollupViews.rollup(engine.restore(rollupId, state.get())));
        }
        if (local) {
            throw new Unavailable("rollup " + rollupId + " is owned by " + owner.host() + ", not by this instance");
        }
        Peers.Reply reply = peers.get(owner.host(), "/api/rollups/" + PathSegments.encode(rollupId) + "?" + Peers.LOCAL + "=true");
        return switch (reply.status()) {
            case 200, 404 -> new Response(reply.status(), Response.JSON, reply.body(), Map.of("Cache-Control", "no-store"));
            case 503 -> throw new Unavailable("the owner " + owner.host() + " of rollup " + rollupId
                    + " cannot answer now: " + message(reply));
            default -> throw new Unavailable("the owner " + owner.host() + " of rollup " + rollupId + " answered "
                    + reply.status());
        };
    }

    /** {@code GET /api/rollups}. */
    Response rollups(boolean local) throws Unavailable {
        LocalStates mine = store.localAll();
        List<RollupView> views = new ArrayList<>(mine.states().size());
        mine.states().forEach((id, state) -> views.add(RollupViews.rollup(engine.restore(id, state))));
        if (local) {
            return Response.json(200, new LocalRollups(mine.partitions(), views));
        }
        List<LocalRollups> answers = new ArrayList<>();
        answers.add(new LocalRollups(mine.partitions(), views));
        int partitions = gather("/api/rollups", LocalRollups.class, answers, LocalRollups::partitions);
        List<RollupView> all = new ArrayList<>();
        answers.forEach(a -> all.addAll(a.rollups()));
        all.sort(Comparator.comparing(RollupView::rollupId));
        return Response.json(200, new AllRollups(partitions, all));
    }

    /** {@code GET /api/alerts?status=open}. */
    Response openAlerts(boolean local) throws Unavailable {
        LocalStates mine = store.localAll();
        List<AlertView> alerts = new ArrayList<>();
        mine.states().forEach((id, state) -> alerts.addAll(RollupViews.alerts(engine.restore(id, state))));
        if (local) {
            return Response.json(200, new LocalAlerts(mine.partitions(), alerts));
        }
        List<LocalAlerts> answers = new ArrayList<>();
        answers.add(new LocalAlerts(mine.partitions(), alerts));
        int partitions = gather("/api/alerts", LocalAlerts.class, answers, LocalAlerts::partitions);
        List<AlertView> all = new ArrayList<>();
        answers.forEach(a -> all.addAll(a.alerts()));
        all.sort(RollupViews.ALERT_ORDER);
        return Response.json(200, new OpenAlerts("open", partitions, all));
    }

    /**
     * Adds the local answers of every other instance to {@code answers} and checks that all of them
     * together cover each store partition exactly once; returns the partition count.
     */
    private <T> int gather(String path, Class<T> type, List<T> answers, Function<T, SortedSet<Integer>> partitionsOf)
            throws Unavailable {
        int partitions = store.partitionCount();
        List<Endpoint> others = store.instances().stream().filter(e -> !e.equals(self)).distinct().toList();
        List<Peers.Reply> replies = peers.getAll(others, path + "?" + Peers.LOCAL + "=true");
        for (int i = 0; i < others.size(); i++) {
            Peers.Reply reply = replies.get(i);
            if (reply.status() != 200) {
                throw new Unavailable("instance " + others.get(i) + " cannot answer now (" + reply.status() + "): "
                        + message(reply));
            }
            try {
                answers.add(json.readValue(reply.body(), type));
            } catch (IOException e) {
                throw new Unavailable("instance " + others.get(i) + " answered something unreadable", e);
            }
        }
        TreeMap<Integer, Integer> answeredBy = new TreeMap<>();
        for (int i = 0; i < answers.size(); i++) {
            for (int partition : partitionsOf.apply(answers.get(i))) {
                if (answeredBy.put(partition, i) != null) {
                    throw new Unavailable("partition " + partition + " was answered by two instances (it is moving)");
                }
            }
        }
        List<Integer> missing = IntStream.range(0, partitions).filter(p -> !answeredBy.containsKey(p)).boxed().toList();
        if (!missing.isEmpty() || answeredBy.size() != partitions) {
            throw new Unavailable("partitions " + missing + " of " + partitions + " have no active owner that answered"
                    + " (the application is rebalancing)");
        }
        return partitions;
    }

    private String message(Peers.Reply reply) {
        try {
            return json.readTree(reply.body()).path("message").asText("");
        } catch (IOException e) {
            return new String(reply.body(), StandardCharsets.UTF_8);
        }
    }
}
