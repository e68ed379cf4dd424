package io.l2risk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.l2risk.registry.ContractRoles;
import io.l2risk.registry.Stack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Hash;

class EventCatalogTest {

    private record Expected(EventSignature event, String topic0, String foundIn) {
    }

    /**
     * Every topic0 of /work/shared/l1-events.md (tables C1 to C8), copied from there by hand and not
     * computed: the catalog computes its hashes from its declarations, these are the independent check.
     * The third column says where l1-events.md found the same value written in public code (bytecode,
     * bindings, indexers), or that it did not look.
     */
    private static final List<Expected> L1_EVENTS_MD = List.of(
            row(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED,
                    "0x7394f4a19a13c7b92b5bb71033245305946ef78452f7b4986ac1390b5df4ebd7",
                    "C1; Blockscout Arbitrum indexer constants, compiled bytecode"),
            row(EventCatalog.Arbitrum.SEQUENCER_BATCH_DATA,
                    "0xfe325ca1efe4c5c1062c981c3ee74b781debe4ea9440306a96d2a55759c66c20",
                    "C1; bytecode, reference doc"),
            row(EventCatalog.Arbitrum.MESSAGE_DELIVERED,
                    "0x5e3c1311ea442664e8b1611bfabef659120ea7a0a2cfc0667700bebc69cbffe1",
                    "C1; found in public code"),
            row(EventCatalog.Arbitrum.INBOX_MESSAGE_DELIVERED,
                    "0xff64905f73a67fb594e0f940a8075a860db489ad991e032f48c81123eb52d60b",
                    "C1; found in public code"),
            row(EventCatalog.Arbitrum.INBOX_MESSAGE_DELIVERED_FROM_ORIGIN,
                    "0xab532385be8f1005a4b6ba8fa20a2245facb346134ac739fe9a5198dc1580b9c", "C1; reference doc"),
            row(EventCatalog.Arbitrum.OUTBOX_TRANSACTION_EXECUTED,
                    "0x20af7f3bbfe38132b8900ae295cd9c8d1914be7052d061a511f3f728dab18964",
                    "C1; found in public code"),
            row(EventCatalog.Arbitrum.SEND_ROOT_UPDATED,
                    "0xb4df3847300f076a369cd76d2314b470a1194d9e8a6bb97f1860aee88a5f6748", "C1; reference doc"),
            row(EventCatalog.Arbitrum.ASSERTION_CREATED,
                    "0x901c3aee23cf4478825462caaab375c606ab83516060388344f0650340753630",
                    "C1; several indexers, compiled rollup bytecode"),
            row(EventCatalog.Arbitrum.ASSERTION_CONFIRMED,
                    "0xfc42829b29c259a7370ab56c8f69fce23b5f351a9ce151da453281993ec0090c", "C1; reference doc"),
            row(EventCatalog.Arbitrum.ROLLUP_CHALLENGE_STARTED,
                    "0x6db7dc2f507647d135035469b27aa79cea90582779d084a7821d6cd092cbd873", "C1; reference doc"),
            row(EventCatalog.Arbitrum.NODE_CREATED,
                    "0x4f4caa9e67fb994e349dd35d1ad0ce23053d4323f83ce11dc817b5435031d096",
                    "C1; Blockscout, bindings"),
            row(EventCatalog.Arbitrum.NODE_CONFIRMED,
                    "0x22ef0479a7ff660660d1c2fe35f1b632cf31675c2d9378db8cec95b00d8ffa3c",
                    "C1; found in public code"),
            row(EventCatalog.Arbitrum.NODE_REJECTED,
                    "0xeaffa3d968707ec919a2fc9f31d5ab2b86c905881ff561725d5a82fc95ad4640",
                    "C1; not checked in public code"),
            row(EventCatalog.Arbitrum.EDGE_ADDED,
                    "0xaa4b66b1ce938c06e2a3f8466bae10ef62e747630e3859889f4719fc6427b5a4",
                    "C1; bytecode, JS watchers"),
            row(EventCatalog.Arbitrum.EDGE_BISECTED,
                    "0x7340510d24b7ec9b5c100f5500d93429d80d00d46f0d18e4e85d0c4cc22b9924",
                    "C1; prefix seen in a JS watcher"),
            row(EventCatalog.Arbitrum.EDGE_CONFIRMED_BY_TIME,
                    "0x2e0808830a22204cb3fb8f8d784b28bc97e9ce2e39d2f9cde2860de0957d68eb",
                    "C1; not checked in public code"),
            row(EventCatalog.Arbitrum.EDGE_CONFIRMED_BY_ONE_STEP_PROOF,
                    "0xe11db4b27bc8c6ea5943ecbb205ae1ca8d56c42c719717aaf8a53d43d0cee7c2",
                    "C1; not checked in public code"),
            row(EventCatalog.Arbitrum.BATCH_POSTER_SET,
                    "0x28bcc5626d357efe966b4b0876aa1ee8ab99e26da4f131f6a2623f1800701c21",
                    "C1; not checked in public code"),
            row(EventCatalog.Arbitrum.SEQUENCER_SET,
                    "0xeb12a9a53eec138c91b27b4f912a257bd690c18fc8bde744be92a0365eb9b87e",
                    "C1; not checked in public code"),
            row(EventCatalog.Arbitrum.SET_VALID_KEYSET,
                    "0xabca9b7986bc22ad0160eb0cb88ae75411eacfba4052af0b457a9335ef655722", "C1; reference doc"),
            row(EventCatalog.Arbitrum.INVALIDATE_KEYSET,
                    "0x5cb4218b272fd214168ac43e90fb4d05d6c36f0b17ffb4c2dd07c234d744eb2a", "C1; reference doc"),
            row(EventCatalog.Arbitrum.MAX_TIME_VARIATION_SET,
                    "0xaa6a58dad31128ff7ecc2b80987ee6e003df80bc50cd8d0b0d1af0e07da6d19d",
                    "C1; not checked in public code"),
            row(EventCatalog.Arbitrum.OWNER_FUNCTION_CALLED,
                    "0xea8787f128d10b2cc0317b0c3960f9ad447f7f6c1ed189db1083ccffd20f456e", "C1; reference doc"),
            row(EventCatalog.Arbitrum.VALIDATOR_WHITELIST_DISABLED_SET,
                    "0x016436ae56a1958a8efa3965e4839a8a90009e0a225fd19fe89b701c99f3e6e9",
                    "C1; not checked in public code"),
            row(EventCatalog.OpStack.OUTPUT_PROPOSED,
                    "0xa7aaf2512769da4e444e3de247be2564225c2e7a8f74cfe528e46e17d24868e2",
                    "C2; monitorism op-monitorism/fault/binding/L2OutputOracle.go"),
            row(EventCatalog.OpStack.OUTPUTS_DELETED,
                    "0x4ee37ac2c786ec85e87592d3c5c8a1dd66f8496dda3f125d9ea8ca5f657629b6",
                    "C2; monitorism op-monitorism/fault/binding/L2OutputOracle.go"),
            row(EventCatalog.OpStack.DISPUTE_GAME_CREATED,
                    "0x5b565efe82411da98814f356d0e7bcb8f0219b8d970307c5afb4a6903a8b2e35",
                    "C2; monitorism faultproof_withdrawals/bindings/dispute/DisputeGameFactory.go"),
            row(EventCatalog.OpStack.RESOLVED, "0x5e186f09b9c93491f14e277eea7faa5de6a2d4bda75a79af7a3684fbfb42da60",
                    "C2; monitorism faultproof_withdrawals/bindings/dispute/FaultDisputeGame.go"),
            row(EventCatalog.OpStack.MOVE, "0x9b3245740ec3b155098a55be84957a4da13eaf7f14a8bc6f53126c0b9350f2be",
                    "C2; monitorism faultproof_withdrawals/bindings/dispute/FaultDisputeGame.go"),
            row(EventCatalog.OpStack.GAME_CLOSED,
                    "0x9908eaac0645df9d0704d06adc9e07337c951de2f06b5f2836151d48d5e4722f",
                    "C2; not found in public code"),
            row(EventCatalog.OpStack.TRANSACTION_DEPOSITED,
                    "0xb3813568d9991fc951961fcb4c784893574240a28925604d09fc577c55bb7c32",
                    "C2; monitorism op-monitorism/fault/binding/OptimismPortal.go"),
            row(EventCatalog.OpStack.WITHDRAWAL_PROVEN,
                    "0x67a6208cfcc0801d50f6cbe764733f4fddf66ac0b04442061a8a8c0cb6b63f62",
                    "C2; monitorism op-monitorism/fault/binding/OptimismPortal.go"),
            row(EventCatalog.OpStack.WITHDRAWAL_PROVEN_EXTENSION1,
                    "0x798f9f13695f8f045aa5f80ed8efebb695f3c7fe65da381969f2f28bf3c60b97",
                    "C2; monitorism faultproof_withdrawals/bindings/l1/OptimismPortal2.go"),
            row(EventCatalog.OpStack.WITHDRAWAL_FINALIZED,
                    "0xdb5c7652857aa163daadd670e116628fb42e869d8ac4251ef8971d9e5727df1b",
                    "C2; found in public code"),
            row(EventCatalog.OpStack.DISPUTE_GAME_BLACKLISTED,
                    "0x192c289026d59a41a27f5aea08f3969b57931b0589202d14f4368cded95d3cda",
                    "C2; found in public code"),
            row(EventCatalog.OpStack.RESPECTED_GAME_TYPE_SET,
                    "0x049fe9dd413cdf037cce27011cc1790c753118272f3630e6e8bdfa5e82081760",
                    "C2; found in public code"),
            row(EventCatalog.OpStack.CONFIG_UPDATE,
                    "0x1d2b0bda21d56b8bd12d4f94ebacffdfb35f5e226f84b461103bb8beab6353be",
                    "C2; kona/op-alloy CONFIG_UPDATE_TOPIC"),
            row(EventCatalog.OpStack.SUPERCHAIN_PAUSED,
                    "0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258",
                    "C2; same as OZ Pausable"),
            row(EventCatalog.OpStack.SUPERCHAIN_UNPAUSED,
                    "0x5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa",
                    "C2; same as OZ Pausable"),
            row(EventCatalog.OpStack.SUPERCHAIN_PAUSED_LEGACY,
                    "0xc32e6d5d6d1de257f64eac19ddb1f700ba13527983849c9486b1ab007ea28381",
                    "C2; not checked in public code"),
            row(EventCatalog.OpStack.SUPERCHAIN_UNPAUSED_LEGACY,
                    "0xa45f47fdea8a1efdd9029a5691c7f759c32b7c698632b563573e155625d16933",
                    "C2; not checked in public code"),
            row(EventCatalog.ZkSync.BLOCK_COMMIT,
                    "0x8f2916b2f2d78cc5890ead36c06c0f6d5d112c7e103589947e8e2f0d6eddb763",
                    "C3; era-contracts l1-contracts/selectors, Blockscout zkSync indexer"),
            row(EventCatalog.ZkSync.BLOCKS_VERIFICATION,
                    "0x22c9005dd88c18b552a1cd7e8b3b937fcde9ca69213c1f658f54d572e4877a81",
                    "C3; era-contracts l1-contracts/selectors"),
            row(EventCatalog.ZkSync.BLOCK_EXECUTION,
                    "0x2402307311a4d6604e4e7b4c8a15a7e1213edb39c16a31efa70afb06030d3165",
                    "C3; found in public code"),
            row(EventCatalog.ZkSync.BLOCKS_REVERT,
                    "0x8bd4b15ea7d1bc41ea9abc3fc487ccb89cd678a00786584714faa9d751c84ee5",
                    "C3; found in public code"),
            row(EventCatalog.ZkSync.NEW_PRIORITY_REQUEST,
                    "0x4531cd5795773d7101c17bdeb9f5ab7f47d7056017506f937083be5d6e77a382",
                    "C3; era-contracts l1-contracts/deploy-scripts/Utils.sol"),
            row(EventCatalog.ZkSync.NEW_PRIORITY_REQUEST_ID,
                    "0x779f441679936c5441b671969f37400b8c3ed0071cb47444431bf985754560df",
                    "C3; found in public code"),
            row(EventCatalog.ZkSync.FREEZE, "0x615acbaede366d76a8b8cb2a9ada6a71495f0786513d71aa97aaf0c3910b78de",
                    "C3; found in public code"),
            row(EventCatalog.ZkSync.UNFREEZE, "0x2f05ba71d0df11bf5fa562a6569d70c4f80da84284badbe015ce1456063d0ded",
                    "C3; found in public code"),
            row(EventCatalog.ZkSync.VALIDATOR_STATUS_UPDATE,
                    "0x065b77b53864e46fda3d8986acb51696223d6dde7ced42441eb150bae6d48136",
                    "C3; not checked in public code"),
            row(EventCatalog.Scroll.COMMIT_BATCH,
                    "0x2c32d4ae151744d0bf0b9464a3e897a1d17ed2f1af71f7c9a75f12ce0d28238f",
                    "C4; ScrollChain bytecode, Blockscout, abigen binding"),
            row(EventCatalog.Scroll.REVERT_BATCH,
                    "0x00cae2739091badfd91c373f0a16cede691e0cd25bb80cff77dd5caeb4710146", "C4; abigen binding"),
            row(EventCatalog.Scroll.REVERT_BATCH_RANGE,
                    "0x9ee73ead2e4d8c2933d5fb9be41cbdf5c477dcb07e441b4b082c6797e4b6fde3", "C4; reference doc"),
            row(EventCatalog.Scroll.FINALIZE_BATCH,
                    "0x26ba82f907317eedc97d0cbef23de76a43dd6edb563bdb6e9407645b950a7a2d", "C4; bytecode"),
            row(EventCatalog.Scroll.UPDATE_ENFORCED_BATCH_MODE,
                    "0xd6756219c796b0d9bf065e40dcf1deea84ecb37744e35eb8ad8d89994bbfd0b5", "C4; reference doc"),
            row(EventCatalog.Scroll.UPDATE_SEQUENCER,
                    "0x631cb110fbe6a87fba5414d6b2cff02264480535cd1f5abdbc4fa638bc0b5692",
                    "C4; not checked in public code"),
            row(EventCatalog.Scroll.UPDATE_PROVER,
                    "0x967f99d5d403870e4356ff46556df3a6b6ba1f50146639aaedfb9f248eb8661e",
                    "C4; not checked in public code"),
            row(EventCatalog.Scroll.QUEUE_TRANSACTION,
                    "0x69cfcb8e6d4192b8aba9902243912587f37e550d75c1fa801491fce26717f37e",
                    "C4; not checked in public code"),
            row(EventCatalog.Scroll.FINALIZED_DEQUEUED_TRANSACTION,
                    "0xbbbf2de085aff601d965315326f9908eb5ebbb3d1b307e7e5ec42384e3320a10",
                    "C4; not checked in public code"),
            row(EventCatalog.Scroll.SENT_MESSAGE,
                    "0x104371f3b442861a2a7b82a070afbbaab748bb13757bf47769e170e37809ec1e",
                    "C4; not checked in public code"),
            row(EventCatalog.Linea.DATA_SUBMITTED_V3,
                    "0x55f4c645c36aa5cd3f443d6be44d7a7a5df9d2100d7139dfc69d4289ee072319",
                    "C5; linea-monorepo contracts/deployments/bytecode/2024-12-03/LineaRollup.txt"),
            row(EventCatalog.Linea.DATA_FINALIZED_V3,
                    "0xa0262dc79e4ccb71ceac8574ae906311ae338aa4a2044fd4ec4b99fad5ab60cb",
                    "C5; linea-monorepo contracts/deployments/bytecode/2024-12-03/LineaRollup.txt"),
            row(EventCatalog.Linea.FINALIZED_STATE_UPDATED,
                    "0x32e016ccc5c33419c35caa94023fdeb75143da613fb2ac738ab736404c09fc5d",
                    "C5; linea-monorepo deployments/bytecode/2026-02-20/LineaRollup.json"),
            row(EventCatalog.Linea.DATA_SUBMITTED_V2,
                    "0x52bd912b0041a6ec8554b0ffae3cc1cb7b137bade0dc9e3f8f0b6758466d5df9",
                    "C5; not found in public code"),
            row(EventCatalog.Linea.DATA_FINALIZED,
                    "0x1335f1a2b3ff25f07f5fef07dd35d8fb4312c3c73b138e2fad9347b3319ab53c",
                    "C5; abigen binding, scripts"),
            row(EventCatalog.Linea.BLOCKS_VERIFICATION_DONE,
                    "0x5c885a794662ebe3b08ae0874fc2c88b5343b0223ba9cd2cad92b69c0d0c901f",
                    "C5; linea-monorepo contracts/deploy/V1/ZkEvmV2Deployed.json"),
            row(EventCatalog.Linea.MESSAGE_SENT,
                    "0xe856c2b8bd4eb0027ce32eeaf595c21b0b6b4644b326e5b7bd80a1cf8db72e6c",
                    "C5; found in public code"),
            row(EventCatalog.Linea.MESSAGE_CLAIMED,
                    "0xa4c827e719e911e8f19393ccdb85b5102f08f0910604d340ba38390b7ff2ab0e",
                    "C5; found in public code"),
            row(EventCatalog.Linea.ROLLING_HASH_UPDATED,
                    "0xea3b023b4c8680d4b4824f0143132c95476359a2bb70a81d6c5a36f6918f6339",
                    "C5; found in public code"),
            row(EventCatalog.Linea.PAUSED, "0x534f879afd40abb4e39f8e1b77a316be4c8e3521d9cf5a3a3db8959d574d4559",
                    "C5; found in public code"),
            row(EventCatalog.Linea.UN_PAUSED, "0xd071d2b85dec4489435b541d2f0e2570db09b09db9efd8703948d44a433df65a",
                    "C5; found in public code"),
            row(EventCatalog.Linea.LIVENESS_RECOVERY_OPERATOR_ROLE_GRANTED,
                    "0x6cfaf6b76ea493a8e88b6b95f7b34cdaae196c4ed737b32e72c5d9e8d0a18518",
                    "C5; found in public code"),
            row(EventCatalog.Linea.FALLBACK_OPERATOR_ROLE_GRANTED,
                    "0x9fc8868f8577b31b805ee65bb52325782b5e2708dbdb7f04c7467c6785fccb30",
                    "C5 (legacy name); found in public code"),
            row(EventCatalog.Linea.FORCED_TRANSACTION_ADDED,
                    "0x8fbc8fbd65675eb32c567d4a559963c7d002c2be67b5b266fb13d85b4375fce5", "C5; 2026 bytecode"),
            row(EventCatalog.Linea.VERIFIER_ADDRESS_CHANGED,
                    "0x4a29db3fc6b42bda201e4b4d69ce8d575eeeba5f153509c0d0a342af0f1bd021",
                    "C5; not checked in public code"),
            row(EventCatalog.Starknet.LOG_STATE_UPDATE,
                    "0xd342ddf7a308dec111745b00315c14b7efb2bdae570a6856e088ed0c65a3576c",
                    "C6; web3j BloomTest fixture, Starknet clients"),
            row(EventCatalog.Starknet.LOG_STATE_UPDATE_LEGACY,
                    "0xe8012213bb931d3efa0a954cfb0d7b75f2a5e2358ba5f7d3edfb0154f6e7a568",
                    "C6; not found in public code"),
            row(EventCatalog.Starknet.LOG_STATE_TRANSITION_FACT,
                    "0x9866f8ddfe70bb512b2f2b28b49d4017c43f7ba775f1a20c61c13eea8cdac111",
                    "C6; not checked in public code"),
            row(EventCatalog.Starknet.LOG_MESSAGE_TO_L2,
                    "0xdb80dd488acf86d17c747445b0eabb5d57c541d3bd7b6b87af987858e5066b2b", "C6; web3j fixture"),
            row(EventCatalog.Starknet.LOG_MESSAGE_TO_L1,
                    "0x4264ac208b5fde633ccdd42e0f12c3d6d443a4f3779bbf886925b94665b63a22",
                    "C6; not checked in public code"),
            row(EventCatalog.Starknet.CONSUMED_MESSAGE_TO_L1,
                    "0x7a06c571aa77f34d9706c51e5d8122b5595aebeaa34233bfe866f22befb973b1", "C6; abigen bindings"),
            row(EventCatalog.Starknet.CONSUMED_MESSAGE_TO_L2,
                    "0x9592d37825c744e33fa80c469683bbd04d336241bb600b574758efd182abe26a", "C6; web3j fixture"),
            row(EventCatalog.Starknet.MESSAGE_TO_L2_CANCELLATION_STARTED,
                    "0x2e00dccd686fd6823ec7dc3e125582aa82881b6ff5f6b5a73856e1ea8338a3be",
                    "C6; not checked in public code"),
            row(EventCatalog.Starknet.PROGRAM_HASH_CHANGED,
                    "0x600a61c1b32ac42fb2fe76e8fc7582a98106668fc16dcd85567cd3937363e49b",
                    "C6; not checked in public code"),
            row(EventCatalog.Starknet.CONFIG_HASH_CHANGED,
                    "0x393c6beb5756a944b2967f15f31ff671e312e945d7a84fd3bdcfd6b408b2dc79",
                    "C6; not checked in public code"),
            row(EventCatalog.Polygon.SEQUENCE_BATCHES_LEGACY,
                    "0x303446e6a8cb73c83dff421c0b1d5e5ce0719dab1bff13660fc254e58cc17fce",
                    "C7; zkevm-contracts compiled-contracts/PolygonZkEVM.json"),
            row(EventCatalog.Polygon.SEQUENCE_BATCHES,
                    "0x3e54d0825ed78523037d00a81759237eb436ce774bd546993ee67a1b67b6e766",
                    "C7; zkevm-contracts compiled-contracts/PolygonValidiumEtrog.json"),
            row(EventCatalog.Polygon.ON_SEQUENCE_BATCHES,
                    "0x1d9f30260051d51d70339da239ea7b080021adcaabfa71c9b0ea339a20cf9a25",
                    "C7; zkevm-contracts compiled-contracts/PolygonRollupManager.json"),
            row(EventCatalog.Polygon.VERIFY_BATCHES_TRUSTED_AGGREGATOR_LEGACY,
                    "0xcb339b570a7f0b25afa7333371ff11192092a0aeace12b671f4c212f2815c6fe",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.VERIFY_BATCHES_TRUSTED_AGGREGATOR,
                    "0xd1ec3a1216f08b6eff72e169ceb548b782db18a6614852618d86bb19f3f9b0d3",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.VERIFY_BATCHES,
                    "0xaac1e7a157b259544ebacd6e8a82ae5d6c8f174e12aa48696277bcc9a661f0b4",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.VERIFY_PESSIMISTIC_STATE_TRANSITION,
                    "0xdf47e7dbf79874ec576f516c40bc1483f7c8ddf4b45bfd4baff4650f1229a711",
                    "C7; kurtosis-cdk scripts, bytecode"),
            row(EventCatalog.Polygon.FORCE_BATCH,
                    "0xf94bb37db835f1ab585ee00041849a09b12cd081d77fa15ca070757619cbc931",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.SEQUENCE_FORCE_BATCHES,
                    "0x648a61dd2438f072f5a1960939abd30f37aea80d2e94c9792ad142d3e0a490a4",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.EMERGENCY_STATE_ACTIVATED,
                    "0x2261efe5aef6fedc1fd1550b25facc9181745623049c7901287030b9ad1a5497",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.EMERGENCY_STATE_DEACTIVATED,
                    "0x1e5e34eea33501aecf2ebec9fe0e884a40804275ea7fe10b2ba084c8374308b3",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.UPDATE_L1_INFO_TREE,
                    "0xda61aa7823fcd807e37b95aabcbe17f03a6f3efd514176444dae191d27fd66b3",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.BRIDGE_EVENT,
                    "0x501781209a1f8899323b96b4ef08b168df93e0a90c673d1e4cce39366cb62f9b",
                    "C7; found in public code"),
            row(EventCatalog.Polygon.CLAIM_EVENT,
                    "0x1df3f2a973a00d6635911755c260704e95e8a5876997546798770f76396fda4d",
                    "C7; found in public code"),
            row(EventCatalog.Common.UPGRADED, "0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b",
                    "C8; literal in optimism packages/chain-mon/src/initialized-upgraded-mon/service.ts"),
            row(EventCatalog.Common.ADMIN_CHANGED,
                    "0x7e644d79422f17c01e4894b5f4f588d331ebfa28653d42ae832dc59e38c9798f",
                    "C8; found in public code"),
            row(EventCatalog.Common.BEACON_UPGRADED,
                    "0x1cf3b03a6cf19fa2baba4df148e9dcabedea7f8a5c07840e207e5c089be95d3e",
                    "C8; found in public code"),
            row(EventCatalog.Common.PAUSED, "0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258",
                    "C8; found in public code"),
            row(EventCatalog.Common.UNPAUSED, "0x5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa",
                    "C8; found in public code"),
            row(EventCatalog.Common.INITIALIZED_V4,
                    "0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498",
                    "C8; v4 literal in chain-mon"),
            row(EventCatalog.Common.INITIALIZED_V5,
                    "0xc7f505b2f371ae2175ee4913f4499e1f2633a7b5936321eed1cdaeb6115181d2",
                    "C8; found in public code"),
            row(EventCatalog.Common.OWNERSHIP_TRANSFERRED,
                    "0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0",
                    "C8; found in public code"),
            row(EventCatalog.Common.ANSWER_UPDATED,
                    "0x0559884fd3a460db3073b7fc896cc77986f16e378210ded43186175bf646fc5f",
                    "C8; Linea LineaSequencerUptimeFeed.json artifact"),
            row(EventCatalog.Common.ROUND_UPDATED,
                    "0x297642343ed2faefb1a411b39fc449eae700e54223d5d0499a9421eb6f68f66a",
                    "C8; Linea LineaSequencerUptimeFeed.json artifact"),
            row(EventCatalog.Common.UPDATE_IGNORED,
                    "0xe4a6e16301740042c17431042adb8f60454c18fb5934dd4c456269c0dc388fdf",
                    "C8; Linea LineaSequencerUptimeFeed.json artifact"));

    private static Expected row(EventSignature event, String topic0, String foundIn) {
        return new Expected(event, topic0, foundIn);
    }

    static Stream<Arguments> expectedTopics() {
        return L1_EVENTS_MD.stream().map(expected -> Arguments.of(
                Named.of(expected.event().canonical(), expected.event()), expected.topic0(), expected.foundIn()));
    }

    @ParameterizedTest
    @MethodSource("expectedTopics")
    void shouldComputeTheTopic0ListedInL1EventsMd(EventSignature event, String expectedTopic0, String foundIn) {
        assertEquals(expectedTopic0, event.topic0(), "l1-events.md " + foundIn);
    }

    @Test
    void shouldCheckEveryCatalogEventAgainstL1EventsMdExactlyOnce() {
        List<EventSignature> checked = L1_EVENTS_MD.stream().map(Expected::event).toList();
        assertEquals(checked.size(), new HashSet<>(checked).size(), "an event is listed twice in the expectations");
        assertEquals(new HashSet<>(EventCatalog.all()), new HashSet<>(checked));
        assertEquals(110, EventCatalog.all().size());
    }

    @Test
    void shouldHashTheErc20TransferControlValue() {
        EventSignature transfer = EventSignature.common(
                "Transfer(address indexed from, address indexed to, uint256 value)", EventCatalog.WATCHED);
        assertEquals("Transfer(address,address,uint256)", transfer.canonical());
        assertEquals("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", transfer.topic0());
        assertEquals(transfer.topic0(), Hash.sha3String("Transfer(address,address,uint256)"));
    }

    @Test
    void shouldHashTheLegacyVariantsL1EventsMdMentionsDifferently() {
        // l1-events.md C1 and C3 give only these prefixes: Nitro's SequencerBatchDelivered before delayedAcc
        // and zkSync Lite's BlockCommit. Neither is in the catalog; they must not collide with it.
        String oldNitroBatch = Hash.sha3String(
                "SequencerBatchDelivered(uint256,bytes32,bytes32,uint256,(uint64,uint64,uint64,uint64),uint8)");
        String zkSyncLiteCommit = Hash.sha3String("BlockCommit(uint32)");
        assertTrue(oldNitroBatch.startsWith("0x12331e99"), oldNitroBatch);
        assertTrue(zkSyncLiteCommit.startsWith("0x81a92942"), zkSyncLiteCommit);
        assertEquals(List.of(), EventCatalog.byTopic0(oldNitroBatch));
        assertEquals(List.of(), EventCatalog.byTopic0(zkSyncLiteCommit));
    }

    @Test
    void shouldHaveNoTwoEntriesWithTheSameRoleAndTopic0() {
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (EventSignature event : EventCatalog.all()) {
            for (String role : event.roles()) {
                if (!seen.add(role + " " + event.topic0())) {
                    repeated.add(role + " " + event.canonical());
                }
            }
        }
        assertEquals(List.of(), repeated);
    }

    @Test
    void shouldNameOnlyRegistryRolesOrTheCatalogsOwnRoles() {
        Set<String> unknown = new LinkedHashSet<>();
        for (EventSignature event : EventCatalog.all()) {
            event.roles().stream()
                    .filter(role -> !ContractRoles.KNOWN.contains(role) && !EventCatalog.CATALOG_ROLES.contains(role))
                    .forEach(unknown::add);
        }
        assertEquals(Set.of(), unknown);
        // A catalog role that the registry also knew would be ambiguous.
        assertTrue(EventCatalog.CATALOG_ROLES.stream().noneMatch(ContractRoles.KNOWN::contains));
    }

    @Test
    void shouldListTheEventsOfEachStack() {
        assertEquals(24, EventCatalog.forStack(Stack.ARBITRUM_NITRO).size());
        assertEquals(17, EventCatalog.forStack(Stack.OP_STACK).size());
        assertEquals(9, EventCatalog.forStack(Stack.ZKSYNC_ERA).size());
        assertEquals(10, EventCatalog.forStack(Stack.SCROLL).size());
        assertEquals(15, EventCatalog.forStack(Stack.LINEA).size());
        assertEquals(10, EventCatalog.forStack(Stack.STARKNET).size());
        assertEquals(14, EventCatalog.forStack(Stack.POLYGON_ZKEVM).size());
        assertEquals(List.of(), EventCatalog.forStack(Stack.GENERIC));
        assertEquals(11, EventCatalog.common().size());
        for (Stack stack : Stack.values()) {
            for (EventSignature event : EventCatalog.forStack(stack)) {
                assertEquals(Optional.of(stack), event.stack(), event.toString());
            }
        }
        assertTrue(EventCatalog.common().stream().allMatch(EventSignature::isCommon));
    }

    @Test
    void shouldPreferTheRolesOwnEventOverTheWatchedOneWithTheSameTopic0() {
        String paused = EventCatalog.Common.PAUSED.topic0();
        assertEquals(Optional.of(EventCatalog.OpStack.SUPERCHAIN_PAUSED),
                EventCatalog.find("superchainConfig", paused));
        assertEquals(Optional.of(EventCatalog.Common.PAUSED), EventCatalog.find(EventCatalog.WATCHED, paused));
        assertEquals(List.of(EventCatalog.OpStack.SUPERCHAIN_PAUSED, EventCatalog.Common.PAUSED),
                EventCatalog.byTopic0(paused));
    }

    @Test
    void shouldFallBackToWatchedEventsForAnyRole() {
        String upgraded = EventCatalog.Common.UPGRADED.topic0();
        assertEquals(Optional.of(EventCatalog.Common.UPGRADED), EventCatalog.find("sequencerInbox", upgraded));
        assertEquals(Optional.of(EventCatalog.Common.UPGRADED), EventCatalog.find("x-feeVault", upgraded));
    }

    @Test
    void shouldFindNothingWhenTheTopic0BelongsToAnotherRole() {
        String batchDelivered = EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED.topic0();
        assertEquals(Optional.empty(), EventCatalog.find("rollup", batchDelivered));
        assertEquals(Optional.empty(), EventCatalog.find(EventCatalog.WATCHED, batchDelivered));
        assertEquals(Optional.of(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED),
                EventCatalog.find("sequencerInbox", batchDelivered));
        // Uptime feed events are not watched events: only their own role finds them.
        assertEquals(Optional.empty(),
                EventCatalog.find(EventCatalog.WATCHED, EventCatalog.Common.ANSWER_UPDATED.topic0()));
    }

    @Test
    void shouldTellOverloadsApartByTopic0() {
        EventSignature single = EventCatalog.Scroll.REVERT_BATCH;
        EventSignature range = EventCatalog.Scroll.REVERT_BATCH_RANGE;
        assertEquals(single.name(), range.name());
        assertEquals(Optional.of(single), EventCatalog.find("scrollChain", single.topic0()));
        assertEquals(Optional.of(range),
                EventCatalog.find("scrollChain", range.topic0().toUpperCase(Locale.ROOT).replace("0X", "0x")));
    }

    @Test
    void shouldFindEventsEmittedByMoreThanOneRoleUnderEachOfThem() {
        EventSignature delivered = EventCatalog.Arbitrum.INBOX_MESSAGE_DELIVERED;
        assertEquals(Optional.of(delivered), EventCatalog.find("inbox", delivered.topic0()));
        assertEquals(Optional.of(delivered), EventCatalog.find("sequencerInbox", delivered.topic0()));
        EventSignature nodeCreated = EventCatalog.Arbitrum.NODE_CREATED;
        assertEquals(Optional.of(nodeCreated), EventCatalog.find("legacyRollup", nodeCreated.topic0()));
        assertEquals(Optional.of(nodeCreated), EventCatalog.find("rollup", nodeCreated.topic0()));
    }
}
