package io.l2risk.registry;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import io.l2risk.registry.RollupRegistry.ThresholdSite;
import io.l2risk.registry.YamlNode.Field;
import io.l2risk.registry.YamlNode.Mapping;
import io.l2risk.registry.YamlNode.Scalar;
import io.l2risk.registry.YamlNode.Sequence;

/**
 * Turns one registry file into {@link RollupSpec}s, reporting every problem with its file, line and
 * path. Strict: unknown keys, unknown roles and malformed values are problems, never ignored.
 */
final class RollupFileParser {

    static final String ROLLUPS = "rollups";
    static final List<String> ENTRY_KEYS = List.of("id", "name", "stack", "l1ChainId", "da", "contracts",
            "batchers", "batchInbox", "params", "thresholds", "watched");

    private static final List<String> DURATION_PARAMS = List.of("challengePeriod", "forceInclusionWindow",
            "maxBatchInterval", "stateProposalInterval", "blobRetention", "finalizationGrace", "executionDelay");

    private final String file;
    private final Problems problems;

    private RollupFileParser(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The entries of {@code in}, named {@code file} in messages. Problems go to {@code problems}; an entry
     * with a problem in its id is left out, other problems leave the offending value out.
     *
     * @throws RollupRegistryException on a YAML syntax error, which leaves nothing to check
     */
    static List<RollupSpec> parse(String file, InputStream in, Problems problems) {
        return new RollupFileParser(file, problems).parse(in);
    }

    private List<RollupSpec> parse(InputStream in) {
        YamlNode root = YamlTreeReader.read(file, in, problems);
        Provenance top = new Provenance(file, root == null ? 1 : root.line(), "");
        if (!(root instanceof Mapping document)) {
            problems.add(top, "expected a mapping with key '" + ROLLUPS + "', found "
                    + (root == null ? "an empty file" : root.kind()));
            return List.of();
        }
        rejectUnknownKeys(document, top, List.of(ROLLUPS));
        Field rollups = document.fields().get(ROLLUPS);
        if (rollups == null) {
            problems.add(top, "missing required key '" + ROLLUPS + "'");
            return List.of();
        }
        Provenance rollupsAt = top.child(ROLLUPS, rollups.keyLine());
        if (!(rollups.value() instanceof Sequence entries)) {
            problems.add(rollupsAt, "expected a list of rollups, found " + rollups.value().kind());
            return List.of();
        }
        List<RollupSpec> specs = new ArrayList<>();
        Map<String, Integer> firstLineById = new LinkedHashMap<>();
        for (int i = 0; i < entries.items().size(); i++) {
            YamlNode item = entries.items().get(i);
            Provenance at = new Provenance(file, item.line(), ROLLUPS + "[" + i + "]");
            entry(item, at).ifPresent(spec -> {
                Integer first = firstLineById.putIfAbsent(spec.id(), spec.at().line());
                if (first != null) {
                    problems.add(at.child("id", spec.at().line()),
                            "duplicate id '" + spec.id() + "' (first defined at line " + first + ")");
                } else {
                    specs.add(spec);
                }
            });
        }
        return specs;
    }

    private Optional<RollupSpec> entry(YamlNode node, Provenance at) {
        if (!(node instanceof Mapping entry)) {
            problems.add(at, "expected a mapping, found " + node.kind());
            return Optional.empty();
        }
        int problemsBefore = problems.count();
        rejectUnknownKeys(entry, at, ENTRY_KEYS);
        Field idField = entry.fields().get("id");
        if (idField == null) {
            problems.add(at, "missing required key 'id'");
            return Optional.empty();
        }
        Optional<String> id = scalar(entry, "id", at, (text, where) -> {
            if (!RollupConfig.isValidId(text)) {
                problems.add(where, quote(text) + " is not a lower-case kebab-case id (e.g. arbitrum-one)");
                return null;
            }
            return text;
        });
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Provenance> paramSites = new LinkedHashMap<>();
        params(entry, at, params, paramSites);
        Map<String, Map<String, String>> thresholds = new LinkedHashMap<>();
        List<ThresholdSite> thresholdSites = new ArrayList<>();
        thresholds(entry, at, thresholds, thresholdSites);
        // The spec's own line is its id's, so "duplicate id" and "missing stack" point at the entry.
        Provenance entryAt = new Provenance(file, idField.keyLine(), at.path());
        Optional<String> name = scalar(entry, "name", at, (text, where) -> text.isBlank() ? blank(where) : text);
        Optional<Stack> stack = scalar(entry, "stack", at, this::stack);
        Optional<Long> l1ChainId = scalar(entry, "l1ChainId", at, this::chainId);
        Optional<DaKind> da = scalar(entry, "da", at, this::da);
        Map<String, String> contracts = contracts(entry, at);
        Optional<List<String>> batchers = addressList(entry, "batchers", at);
        Optional<String> batchInbox = scalar(entry, "batchInbox", at, this::address);
        Optional<List<String>> watched = addressList(entry, "watched", at);
        return Optional.of(new RollupSpec(id.get(), entryAt, name, stack, l1ChainId, da, contracts, batchers,
                batchInbox, params, paramSites, thresholds, thresholdSites, watched,
                problems.count() > problemsBefore));
    }

    private Map<String, String> contracts(Mapping entry, Provenance at) {
        Map<String, String> contracts = new LinkedHashMap<>();
        mapping(entry, "contracts", at).ifPresent(map -> map.fields().values().forEach(field -> {
            Provenance where = at.child("contracts", 0).child(field.key(), field.keyLine());
            if (!ContractRoles.isAllowed(field.key())) {
                problems.add(where, "unknown contract role" + Suggestions.didYouMean(field.key(), ContractRoles.KNOWN)
                        + "; custom roles start with '" + ContractRoles.CUSTOM_PREFIX + "'");
                return;
            }
            value(field, where, this::address).ifPresent(address -> contracts.put(field.key(), address));
        }));
        return contracts;
    }

    private void params(Mapping entry, Provenance at, Map<String, Object> params, Map<String, Provenance> sites) {
        mapping(entry, "params", at).ifPresent(map -> {
            Provenance paramsAt = at.child("params", 0);
            rejectUnknownKeys(map, paramsAt, ProtocolParams.KEYS);
            map.fields().values().stream().filter(f -> ProtocolParams.KEYS.contains(f.key())).forEach(field -> {
                Provenance where = paramsAt.child(field.key(), field.keyLine());
                Optional<?> value = DURATION_PARAMS.contains(field.key())
                        ? value(field, where, this::duration)
                        : value(field, where, this::count);
                value.ifPresent(v -> {
                    params.put(field.key(), v);
                    sites.put(field.key(), where);
                });
            });
        });
    }

    private void thresholds(Mapping entry, Provenance at, Map<String, Map<String, String>> thresholds,
            List<ThresholdSite> sites) {
        mapping(entry, "thresholds", at).ifPresent(map -> map.fields().values().forEach(indicator -> {
            Provenance indicatorAt = at.child("thresholds", 0).child(indicator.key(), indicator.keyLine());
            if (!(indicator.value() instanceof Mapping values)) {
                problems.add(indicatorAt, "expected a mapping of parameter: value, found " + indicator.value().kind());
                return;
            }
            Map<String, String> parsed = new LinkedHashMap<>();
            values.fields().values().forEach(param -> {
                Provenance paramAt = indicatorAt.child(param.key(), param.keyLine());
                value(param, paramAt, (text, where) -> text).ifPresent(text -> {
                    parsed.put(param.key(), text);
                    sites.add(new ThresholdSite(indicator.key(), indicatorAt, param.key(), paramAt));
                });
            });
            thresholds.put(indicator.key(), parsed);
        }));
    }

    private Optional<List<String>> addressList(Mapping entry, String key, Provenance at) {
        Field field = entry.fields().get(key);
        if (field == null) {
            return Optional.empty();
        }
        Provenance where = at.child(key, field.keyLine());
        if (!(field.value() instanceof Sequence list)) {
            problems.add(where, "expected a list of addresses, found " + field.value().kind());
            return Optional.empty();
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            Provenance itemAt = new Provenance(file, item.line(), where.path() + "[" + i + "]");
            if (item instanceof Scalar scalar && scalar.text() != null) {
                Optional.ofNullable(address(scalar.text(), itemAt)).ifPresent(addresses::add);
            } else {
                problems.add(itemAt, "expected an address, found " + item.kind());
            }
        }
        return Optional.of(addresses);
    }

    private Optional<Mapping> mapping(Mapping entry, String key, Provenance at) {
        Field field = entry.fields().get(key);
        if (field == null) {
            return Optional.empty();
        }
        if (field.value() instanceof Mapping map) {
            return Optional.of(map);
        }
        problems.add(at.child(key, field.keyLine()), "expected a mapping, found " + field.value().kind());
        return Optional.empty();
    }

    /** The converted single value of {@code entry.key}; empty if absent or invalid (then reported). */
    private <T> Optional<T> scalar(Mapping entry, String key, Provenance at,
            BiFunction<String, Provenance, T> convert) {
        Field field = entry.fields().get(key);
        return field == null ? Optional.empty() : value(field, at.child(key, field.keyLine()), convert);
    }

    private <T> Optional<T> value(Field field, Provenance where, BiFunction<String, Provenance, T> convert) {
        if (field.value() instanceof Scalar scalar && scalar.text() != null) {
            return Optional.ofNullable(convert.apply(scalar.text(), where));
        }
        problems.add(where, "expected a single value, found " + field.value().kind());
        return Optional.empty();
    }

    private void rejectUnknownKeys(Mapping map, Provenance at, List<String> known) {
        map.fields().values().stream().filter(f -> !known.contains(f.key())).forEach(field -> {
            String hint = Suggestions.didYouMean(field.key(), known);
            problems.add(at.child(field.key(), field.keyLine()),
                    "unknown key" + (hint.isEmpty() ? "; expected one of " + String.join(", ", known) : hint));
        });
    }

    private String address(String text, Provenance where) {
        return Addresses.normalize(text).orElseGet(() -> {
            problems.add(where, quote(text) + " is not a 20-byte address");
            return null;
        });
    }

    private Stack stack(String text, Provenance where) {
        return Stack.parse(text).orElseGet(() -> {
            List<String> names = Arrays.stream(Stack.values()).map(Enum::name).toList();
            problems.add(where, quote(text) + " is not a stack; use one of " + String.join(", ", names)
                    + Suggestions.didYouMean(text, names));
            return null;
        });
    }

    private DaKind da(String text, Provenance where) {
        return DaKind.parse(text).orElseGet(() -> {
            List<String> names = Arrays.stream(DaKind.values()).map(Enum::name).toList();
            problems.add(where, quote(text) + " is not a data-availability kind; use one of "
                    + String.join(", ", names) + Suggestions.didYouMean(text, names));
            return null;
        });
    }

    private Long chainId(String text, Provenance where) {
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0) {
                return id;
            }
            problems.add(where, text + (id < 0 ? " must not be negative" : " is not a chain id; ids are positive"));
        } catch (NumberFormatException e) {
            problems.add(where, quote(text) + " is not a chain id (a positive integer)");
        }
        return null;
    }

    private Integer count(String text, Provenance where) {
        try {
            int count = Integer.parseInt(text.trim());
            if (count >= 0) {
                return count;
            }
            problems.add(where, text + " must not be negative");
        } catch (NumberFormatException e) {
            problems.add(where, quote(text) + " is not a whole number");
        }
        return null;
    }

    private Duration duration(String text, Provenance where) {
        try {
            return RegistryDurations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(where, e.getMessage());
            return null;
        }
    }

    private String blank(Provenance where) {
        problems.add(where, "must not be blank");
        return null;
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
