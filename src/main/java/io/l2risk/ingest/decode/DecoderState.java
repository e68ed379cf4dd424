package io.l2risk.ingest.decode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What decoders remember between logs, saved with the ingester's cursor so that a restart resumes with
 * it: the OP Stack dispute games still open (their proxies emit {@code Move} and {@code Resolved}, so the
 * ingester watches them too) and the AnyTrust keysets seen ({@code SetValidKeyset}), which a DAC
 * certificate names by hash.
 *
 * <p>Every entry records the L1 block that created or changed it, so that a reorg {@link #rewind rewinds}
 * the state with the cursor: what orphaned blocks added is forgotten, what they changed is undone.
 * Not thread-safe; one ingestion loop owns it.
 */
public final class DecoderState {

    /**
     * An OP Stack dispute game.
     *
     * @param address        the game proxy
     * @param rollupId       the rollup whose factory created it
     * @param gameType       the factory's game type
     * @param rootClaim      the proposed output root
     * @param l2BlockNumber  the L2 block the claim is about, when known
     * @param createdBlock   the L1 block of {@code DisputeGameCreated}
     * @param challengedBlock the L1 block of its first counter-move, if any
     * @param resolvedBlock  the L1 block of {@code Resolved}, if any
     */
    public record Game(String address, String rollupId, long gameType, String rootClaim, OptionalLong l2BlockNumber,
            long createdBlock, OptionalLong challengedBlock, OptionalLong resolvedBlock) {

        public Game {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(rollupId, "rollupId");
            Objects.requireNonNull(rootClaim, "rootClaim");
        }

        Game challenged(long block) {
            return new Game(address, rollupId, gameType, rootClaim, l2BlockNumber, createdBlock, OptionalLong.of(block),
                    resolvedBlock);
        }

        Game resolved(long block) {
            return new Game(address, rollupId, gameType, rootClaim, l2BlockNumber, createdBlock, challengedBlock,
                    OptionalLong.of(block));
        }
    }

    /**
     * An AnyTrust data availability committee keyset.
     *
     * @param rollupId      the rollup whose SequencerInbox accepted it
     * @param keysetHash    its hash, as certificates name it
     * @param members       number of member keys
     * @param threshold     signatures a certificate needs: {@code members - assumedHonest + 1}
     * @param addedBlock    the L1 block of {@code SetValidKeyset}
     * @param invalidatedBlock the L1 block of {@code InvalidateKeyset}, if any
     */
    public record Keyset(String rollupId, String keysetHash, int members, int threshold, long addedBlock,
            OptionalLong invalidatedBlock) {

        public Keyset {
            Objects.requireNonNull(rollupId, "rollupId");
            Objects.requireNonNull(keysetHash, "keysetHash");
        }
    }

    private final Map<String, Game> games = new LinkedHashMap<>();
    private final Map<String, Keyset> keysets = new LinkedHashMap<>();

    /** A state holding {@code games} and {@code keysets} (as saved by {@link #games()} and {@link #keysets()}). */
    public static DecoderState of(Collection<Game> games, Collection<Keyset> keysets) {
        DecoderState state = new DecoderState();
        games.forEach(state::putGame);
        keysets.forEach(state::putKeyset);
        return state;
    }

    /** An independent copy, to restore when a scan fails half-way and is repeated. */
    public DecoderState copy() {
        return of(games.values(), keysets.values());
    }

    /** Every game remembered, resolved ones included until {@link #prune pruned}, in creation order. */
    public List<Game> games() {
        return List.copyOf(games.values());
    }

    /** Every keyset remembered, in the order they were added. */
    public List<Keyset> keysets() {
        return List.copyOf(keysets.values());
    }

    /** The addresses of the games not yet resolved: the ingester reads their logs. */
    public List<String> openGameAddresses() {
        List<String> open = new ArrayList<>();
        games.values().stream().filter(g -> g.resolvedBlock().isEmpty()).forEach(g -> open.add(g.address()));
        return open;
    }

    /** The game at {@code address}, if remembered. */
    public Optional<Game> game(String address) {
        return Optional.ofNullable(games.get(address));
    }

    /** Remembers a new game (replacing one at the same address, which a reorg can re-create). */
    public void putGame(Game game) {
        games.put(game.address(), game);
    }

    /** Marks the game challenged at {@code block}, once; returns whether this was its first challenge. */
    public boolean markChallenged(String address, long block) {
        Game game = games.get(address);
        if (game == null || game.challengedBlock().isPresent()) {
            return false;
        }
        games.put(address, game.challenged(block));
        return true;
    }

    /** Marks the game resolved at {@code block}. */
    public void markResolved(String address, long block) {
        Game game = games.get(address);
        if (game != null && game.resolvedBlock().isEmpty()) {
            games.put(address, game.resolved(block));
        }
    }

    /** Remembers a keyset (replacing one with the same rollup and hash). */
    public void putKeyset(Keyset keyset) {
        keysets.put(keyKey(keyset.rollupId(), keyset.keysetHash()), keyset);
    }

    /** The keyset {@code keysetHash} of {@code rollupId}, if its {@code SetValidKeyset} was seen. */
    public Optional<Keyset> keyset(String rollupId, String keysetHash) {
        return Optional.ofNullable(keysets.get(keyKey(rollupId, keysetHash)));
    }

    /** Marks a keyset invalidated at {@code block}. */
    public void invalidateKeyset(String rollupId, String keysetHash, long block) {
        keysets.computeIfPresent(keyKey(rollupId, keysetHash), (k, v) -> new Keyset(v.rollupId(), v.keysetHash(),
                v.members(), v.threshold(), v.addedBlock(), OptionalLong.of(block)));
    }

    /**
     * Undoes everything blocks after {@code block} did: after a reorg the cursor goes back to
     * {@code block} and the blocks after it are scanned again on the new chain.
     */
    public void rewind(long block) {
        games.values().removeIf(g -> g.createdBlock() > block);
        games.replaceAll((address, g) -> new Game(g.address(), g.rollupId(), g.gameType(), g.rootClaim(),
                g.l2BlockNumber(), g.createdBlock(), after(g.challengedBlock(), block), after(g.resolvedBlock(), block)));
        keysets.values().removeIf(k -> k.addedBlock() > block);
        keysets.replaceAll((key, k) -> new Keyset(k.rollupId(), k.keysetHash(), k.members(), k.threshold(),
                k.addedBlock(), after(k.invalidatedBlock(), block)));
    }

    /**
     * Forgets games resolved at or before {@code block} (once no reorg can reach that deep, nothing
     * will emit from them again).
     */
    public void prune(long block) {
        games.values().removeIf(g -> g.resolvedBlock().isPresent() && g.resolvedBlock().getAsLong() <= block);
    }

    private static OptionalLong after(OptionalLong changed, long block) {
        return changed.isPresent() && changed.getAsLong() > block ? OptionalLong.empty() : changed;
    }

    private static String keyKey(String rollupId, String keysetHash) {
        return rollupId + "/" + keysetHash;
    }
}
