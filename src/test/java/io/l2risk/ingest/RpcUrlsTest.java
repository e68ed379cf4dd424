package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RpcUrlsTest {

    @Test
    void shouldHideAlchemyKeyInPath() {
        assertThat(RpcUrls.redact("https://eth-mainnet.g.alchemy.com/v2/aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH"))
                .isEqualTo("https://eth-mainnet.g.alchemy.com/v2/***");
    }

    @Test
    void shouldHideShortKeyAfterVersionSegment() {
        assertThat(RpcUrls.redact("https://eth-mainnet.g.alchemy.com/v2/KEY"))
                .isEqualTo("https://eth-mainnet.g.alchemy.com/v2/***");
    }

    @Test
    void shouldHideInfuraProjectId() {
        assertThat(RpcUrls.redact("https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef"))
                .isEqualTo("https://mainnet.infura.io/v3/***");
    }

    @Test
    void shouldHideTokenPathSegmentWithoutVersionMarker() {
        assertThat(RpcUrls.redact("https://falling-old-star.quiknode.pro/4f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4/"))
                .isEqualTo("https://falling-old-star.quiknode.pro/***/");
        assertThat(RpcUrls.redact("https://rpc.ankr.com/eth/0123456789abcdef0123456789abcdef0123456789abcdef"))
                .isEqualTo("https://rpc.ankr.com/eth/***");
    }

    @Test
    void shouldHideEveryQueryValue() {
        assertThat(RpcUrls.redact("https://api.example.org/rpc?apikey=s3cr3t&network=mainnet"))
                .isEqualTo("https://api.example.org/rpc?apikey=***&network=***");
    }

    @Test
    void shouldHideUserInfo() {
        assertThat(RpcUrls.redact("https://user:p4ss@node.example.org:8545/"))
                .isEqualTo("https://***@node.example.org:8545/");
    }

    @Test
    void shouldKeepUrlWithoutSecrets() {
        assertThat(RpcUrls.redact("http://127.0.0.1:8545")).isEqualTo("http://127.0.0.1:8545");
        assertThat(RpcUrls.redact("https://ethereum-rpc.publicnode.com")).isEqualTo("https://ethereum-rpc.publicnode.com");
        assertThat(RpcUrls.redact("https://node.example.org/eth/rpc")).isEqualTo("https://node.example.org/eth/rpc");
    }

    @Test
    void shouldHideWholeValueWhenItIsNotAUrl() {
        assertThat(RpcUrls.redact("0123456789abcdef0123456789abcdef")).isEqualTo("***");
        assertThat(RpcUrls.redact("https://bad host/v2/KEY")).isEqualTo("***");
    }

    @Test
    void shouldDropFragment() {
        assertThat(RpcUrls.redact("https://node.example.org/rpc#token")).isEqualTo("https://node.example.org/rpc");
    }
}
