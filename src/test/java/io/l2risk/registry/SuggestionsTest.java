package io.l2risk.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void shouldSuggestTheClosestCandidateForAPlausibleTypo() {
        assertThat(Suggestions.didYouMean("sequncerInbox", List.of("sequencerInbox", "inbox")))
                .isEqualTo(" (did you mean 'sequencerInbox'?)");
        assertThat(Suggestions.didYouMean("op_stak", List.of("ARBITRUM_NITRO", "OP_STACK")))
                .isEqualTo(" (did you mean 'OP_STACK'?)");
    }

    @Test
    void shouldSuggestNothingForAnUnrelatedWord() {
        assertThat(Suggestions.didYouMean("colour", List.of("contracts", "da", "name"))).isEmpty();
    }
}
