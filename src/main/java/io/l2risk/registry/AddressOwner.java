package io.l2risk.registry;

import java.util.Objects;

/**
 * Who an L1 address belongs to: a rollup and the role the address plays for it. Roles are the
 * {@link ContractRoles contract roles} plus {@value #BATCHER}, {@value #BATCH_INBOX} and
 * {@value #WATCHED}.
 *
 * @param rollupId the owning rollup
 * @param role     the address's role for that rollup
 */
public record AddressOwner(String rollupId, String role) {

    /** A batch poster / batcher account (a transaction sender, not a log emitter). */
    public static final String BATCHER = "batcher";
    /** An OP Stack batch inbox (a transaction recipient that emits nothing). */
    public static final String BATCH_INBOX = "batchInbox";
    /** An extra address watched for governance changes. */
    public static final String WATCHED = "watched";

    public AddressOwner {
        Objects.requireNonNull(rollupId, "rollupId");
        Objects.requireNonNull(role, "role");
    }
}
