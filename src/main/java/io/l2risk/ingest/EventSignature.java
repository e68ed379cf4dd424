package io.l2risk.ingest;

import io.l2risk.registry.Stack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;

/**
 * One L1 event the ingester decodes: which stack and contract roles emit it, its declaration and its
 * {@link #topic0()}.
 *
 * <p>The declaration is Solidity's event header in ABI form: named parameters with {@code indexed}
 * markers, but with every type already canonical — structs written as tuples, enums as {@code uint8},
 * user-defined value types as their base type, contract types as {@code address}. The canonical
 * signature ({@code Name(type,type,...)}) is derived from it by dropping names and {@code indexed}, and
 * {@code topic0} is its Keccak-256, so the declaration a decoder reads and the hash the router matches
 * cannot drift apart. Instances are immutable.
 */
public final class EventSignature {

    /** One top-level parameter of the declaration. */
    public record Param(String type, boolean indexed, String name) {
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern ELEMENTARY = Pattern.compile(
            "(u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200"
                    + "|208|216|224|232|240|248|256)|address|bool|string|bytes|bytes([1-9]|[12][0-9]|3[0-2]))");
    private static final Pattern ARRAY_SUFFIXES = Pattern.compile("(\\[[0-9]*\\])*");
    /** Non-anonymous events carry at most three indexed parameters besides topic0. */
    private static final int MAX_INDEXED = 3;

    private final Stack stack;
    private final Set<String> roles;
    private final String declaration;
    private final String name;
    private final List<Param> params;
    private final String canonical;
    private final String topic0;

    private EventSignature(Stack stack, Set<String> roles, String declaration) {
        this.stack = stack;
        this.roles = roles;
        this.declaration = declaration;
        int open = declaration.indexOf('(');
        if (open < 0 || !declaration.endsWith(")")) {
            throw new IllegalArgumentException("not an event declaration: " + declaration);
        }
        this.name = declaration.substring(0, open).strip();
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("bad event name in: " + declaration);
        }
        this.params = parseParams(declaration, declaration.substring(open + 1, declaration.length() - 1));
        this.canonical = name + "(" + String.join(",", params.stream().map(Param::type).toList()) + ")";
        this.topic0 = Hash.sha3String(canonical);
    }

    /**
     * An event of one rollup stack.
     *
     * @param declaration for example {@code "Upgraded(address indexed implementation)"}
     * @param roles the registry contract roles ({@code io.l2risk.registry.ContractRoles}) whose contracts
     *     emit it, or a catalog role such as {@link EventCatalog#DISPUTE_GAME}
     * @throws IllegalArgumentException if the declaration does not parse or no role is given
     */
    public static EventSignature of(Stack stack, String declaration, String... roles) {
        return new EventSignature(Objects.requireNonNull(stack, "stack"), roleSet(roles, declaration), declaration);
    }

    /** An event any stack's contracts may emit (proxy upgrades, ownership, pausing). */
    public static EventSignature common(String declaration, String... roles) {
        return new EventSignature(null, roleSet(roles, declaration), declaration);
    }

    /** The stack whose contracts emit it; empty for an event {@linkplain #common common} to all stacks. */
    public Optional<Stack> stack() {
        return Optional.ofNullable(stack);
    }

    /** Whether any stack's contracts may emit it. */
    public boolean isCommon() {
        return stack == null;
    }

    /** The contract roles that emit it, in declaration order. */
    public Set<String> roles() {
        return roles;
    }

    /** The event name, e.g. {@code RevertBatch}; overloads share it, so never route by it. */
    public String name() {
        return name;
    }

    /** The declaration as given, with names and {@code indexed} markers. */
    public String declaration() {
        return declaration;
    }

    /** The top-level parameters in order. */
    public List<Param> params() {
        return params;
    }

    /** The canonical signature hashed for topic0, e.g. {@code Transfer(address,address,uint256)}. */
    public String canonical() {
        return canonical;
    }

    /** Keccak-256 of {@link #canonical()}: {@code 0x} and 64 lower-case hex digits. */
    public String topic0() {
        return topic0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventSignature that
                && Objects.equals(stack, that.stack)
                && roles.equals(that.roles)
                && declaration.equals(that.declaration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stack, roles, declaration);
    }

    @Override
    public String toString() {
        return (stack == null ? "COMMON" : stack.name()) + " " + roles + " " + canonical + " " + topic0;
    }

    private static Set<String> roleSet(String[] roles, String declaration) {
        if (roles.length == 0) {
            throw new IllegalArgumentException("no emitting role for " + declaration);
        }
        Set<String> set = new LinkedHashSet<>();
        for (String role : roles) {
            if (role == null || role.isBlank() || !set.add(role)) {
                throw new IllegalArgumentException("blank or repeated role for " + declaration);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    private static List<Param> parseParams(String declaration, String body) {
        List<Param> params = new ArrayList<>();
        if (body.isBlank()) {
            return List.of();
        }
        int indexed = 0;
        for (String part : splitTopLevel(body, declaration)) {
            String text = part.strip();
            int typeEnd = text.startsWith("(") ? closingParen(text, 0, declaration) + 1 : firstSpaceOrEnd(text);
            String arrays = text.substring(typeEnd).split("\\s", 2)[0];
            if (!ARRAY_SUFFIXES.matcher(arrays).matches()) {
                throw new IllegalArgumentException("bad array suffix in " + declaration);
            }
            String type = text.substring(0, typeEnd) + arrays;
            requireCanonicalType(type, declaration);
            String afterType = text.substring(typeEnd + arrays.length()).strip();
            List<String> rest = new ArrayList<>(List.of(afterType.split("\\s+")));
            rest.removeIf(String::isEmpty);
            boolean isIndexed = !rest.isEmpty() && rest.get(0).equals("indexed");
            if (isIndexed) {
                rest.remove(0);
                indexed++;
            }
            if (rest.size() > 1 || (rest.size() == 1 && !IDENTIFIER.matcher(rest.get(0)).matches())) {
                throw new IllegalArgumentException("cannot read parameter \"" + text + "\" of " + declaration);
            }
            params.add(new Param(type, isIndexed, rest.isEmpty() ? "" : rest.get(0)));
        }
        if (indexed > MAX_INDEXED) {
            throw new IllegalArgumentException("more than " + MAX_INDEXED + " indexed parameters: " + declaration);
        }
        return List.copyOf(params);
    }

    private static void requireCanonicalType(String type, String declaration) {
        String base = type.substring(0, type.length() - trailingArrays(type).length());
        if (base.startsWith("(")) {
            String inner = base.substring(1, base.length() - 1);
            if (inner.isEmpty()) {
                throw new IllegalArgumentException("empty tuple in " + declaration);
            }
            for (String component : splitTopLevel(inner, declaration)) {
                if (!component.equals(component.strip()) || component.contains(" ")) {
                    throw new IllegalArgumentException("tuple components must be bare types: " + declaration);
                }
                requireCanonicalType(component, declaration);
            }
        } else if (!ELEMENTARY.matcher(base).matches()) {
            throw new IllegalArgumentException("non-canonical type \"" + type + "\" in " + declaration);
        }
    }

    private static String trailingArrays(String type) {
        int end = type.length();
        while (end > 0 && type.charAt(end - 1) == ']') {
            end = type.lastIndexOf('[', end - 1);
        }
        return type.substring(end);
    }

    private static List<String> splitTopLevel(String text, String declaration) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
            if (depth < 0) {
                throw new IllegalArgumentException("unbalanced parentheses in " + declaration);
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced parentheses in " + declaration);
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int closingParen(String text, int open, String declaration) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '(') {
                depth++;
            } else if (text.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses in " + declaration);
    }

    private static int firstSpaceOrEnd(String text) {
        int i = 0;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '[') {
            i++;
        }
        return i;
    }
}
