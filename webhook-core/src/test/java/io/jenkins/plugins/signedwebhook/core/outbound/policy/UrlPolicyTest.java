package io.jenkins.plugins.signedwebhook.core.outbound.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {
    /** A fake DNS: names map to addresses, anything else does not resolve. */
    private static HostResolver dns(Map<String, List<String>> records) {
        return host -> {
            List<String> addresses = records.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            java.util.ArrayList<InetAddress> resolved = new java.util.ArrayList<>();
            for (String address : addresses) {
                resolved.add(InetAddress.getByName(address));
            }
            return resolved;
        };
    }

    private static final HostResolver DNS = dns(Map.of(
            "hooks.example.com", List.of("203.0.113.10"),
            "rebind.example.com", List.of("203.0.113.10", "10.0.0.5"),
            "internal.example.com", List.of("10.1.2.3"),
            "v6.example.com", List.of("2001:db8::10"),
            "sneaky.example.com", List.of("::ffff:169.254.169.254")));

    private static UrlDecision check(UrlPolicy policy, String url) {
        return policy.check(URI.create(url), DNS);
    }

    private static UrlDecision.Reason refusal(UrlPolicy policy, String url) {
        UrlDecision decision = check(policy, url);
        assertThat(decision).as(url).isInstanceOf(UrlDecision.Refused.class);
        return ((UrlDecision.Refused) decision).reason();
    }

    private static UrlDecision.Reason refusal(String url) {
        return refusal(UrlPolicy.defaults(), url);
    }

    @Test
    void allowsAPublicHttpsHost() {
        assertThat(check(UrlPolicy.defaults(), "https://hooks.example.com/deploy").allowed()).isTrue();
    }

    @Test
    void allowsAPublicHttpHost() {
        assertThat(check(UrlPolicy.defaults(), "http://hooks.example.com:8080/deploy").allowed()).isTrue();
    }

    @Test
    void allowsAPublicIpv6Literal() {
        assertThat(check(UrlPolicy.defaults(), "https://[2001:db8::1]/").allowed()).isTrue();
    }

    @Test
    void refusesOtherSchemes() {
        assertThat(refusal("ftp://hooks.example.com/")).isEqualTo(UrlDecision.Reason.SCHEME_NOT_ALLOWED);
        assertThat(refusal("file:///etc/passwd")).isEqualTo(UrlDecision.Reason.SCHEME_NOT_ALLOWED);
        assertThat(refusal("gopher://hooks.example.com/")).isEqualTo(UrlDecision.Reason.SCHEME_NOT_ALLOWED);
    }

    @Test
    void refusesUserInfoInTheUrl() {
        assertThat(refusal("https://user:pass@hooks.example.com/")).isEqualTo(UrlDecision.Reason.USERINFO_NOT_ALLOWED);
    }

    @Test
    void refusesLoopbackByDefault() {
        assertThat(refusal("http://127.0.0.1/")).isEqualTo(UrlDecision.Reason.LOOPBACK);
        assertThat(refusal("http://127.8.9.10/")).isEqualTo(UrlDecision.Reason.LOOPBACK);
        assertThat(refusal("http://[::1]/")).isEqualTo(UrlDecision.Reason.LOOPBACK);
    }

    @Test
    void refusesLocalhostAsTheSystemResolverResolvesIt() {
        UrlDecision decision = UrlPolicy.defaults().check(URI.create("http://localhost:8080/"), HostResolver.system());

        assertThat(decision).isInstanceOfSatisfying(UrlDecision.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(UrlDecision.Reason.LOOPBACK));
    }

    @Test
    void refusesLinkLocal() {
        assertThat(refusal("http://169.254.1.1/")).isEqualTo(UrlDecision.Reason.LINK_LOCAL);
        assertThat(refusal("http://[fe80::1]/")).isEqualTo(UrlDecision.Reason.LINK_LOCAL);
    }

    @Test
    void refusesPrivateRanges() {
        assertThat(refusal("http://10.0.0.1/")).isEqualTo(UrlDecision.Reason.PRIVATE);
        assertThat(refusal("http://172.16.0.1/")).isEqualTo(UrlDecision.Reason.PRIVATE);
        assertThat(refusal("http://172.31.255.255/")).isEqualTo(UrlDecision.Reason.PRIVATE);
        assertThat(refusal("http://192.168.1.1/")).isEqualTo(UrlDecision.Reason.PRIVATE);
        assertThat(refusal("http://[fc00::1]/")).isEqualTo(UrlDecision.Reason.PRIVATE);
        assertThat(refusal("http://[fdff::1]/")).isEqualTo(UrlDecision.Reason.PRIVATE);
    }

    @Test
    void allowsTheAddressesJustOutsideThePrivateRanges() {
        assertThat(check(UrlPolicy.defaults(), "http://172.32.0.1/").allowed()).isTrue();
        assertThat(check(UrlPolicy.defaults(), "http://11.0.0.1/").allowed()).isTrue();
    }

    @Test
    void refusesUnspecifiedAddresses() {
        assertThat(refusal("http://0.0.0.0/")).isEqualTo(UrlDecision.Reason.UNSPECIFIED);
        assertThat(refusal("http://[::]/")).isEqualTo(UrlDecision.Reason.UNSPECIFIED);
    }

    @Test
    void refusesMulticast() {
        assertThat(refusal("http://224.0.0.1/")).isEqualTo(UrlDecision.Reason.MULTICAST);
        assertThat(refusal("http://[ff02::1]/")).isEqualTo(UrlDecision.Reason.MULTICAST);
    }

    @Test
    void refusesCloudMetadataNames() {
        assertThat(refusal("http://metadata.google.internal/computeMetadata/v1/")).isEqualTo(UrlDecision.Reason.METADATA);
        assertThat(refusal("http://METADATA.google.internal./")).isEqualTo(UrlDecision.Reason.METADATA);
        assertThat(refusal("http://instance-data/")).isEqualTo(UrlDecision.Reason.METADATA);
    }

    @Test
    void refusesCloudMetadataAddresses() {
        assertThat(refusal("http://169.254.169.254/latest/meta-data/")).isEqualTo(UrlDecision.Reason.METADATA);
        assertThat(refusal("http://[fd00:ec2::254]/")).isEqualTo(UrlDecision.Reason.METADATA);
        assertThat(refusal("http://100.100.100.200/")).isEqualTo(UrlDecision.Reason.METADATA);
    }

    @Test
    void refusesCloudMetadataEvenWhenTheAllowListCoversIt() {
        UrlPolicy policy = UrlPolicy.allowing(List.of("169.254.0.0/16", "fd00::/8"));

        assertThat(refusal(policy, "http://169.254.169.254/")).isEqualTo(UrlDecision.Reason.METADATA);
        assertThat(refusal(policy, "http://[fd00:ec2::254]/")).isEqualTo(UrlDecision.Reason.METADATA);
    }

    @Test
    void refusesIpv4MappedIpv6Loopback() {
        assertThat(refusal("http://[::ffff:127.0.0.1]/")).isEqualTo(UrlDecision.Reason.LOOPBACK);
        assertThat(refusal("http://[::ffff:7f00:1]/")).isEqualTo(UrlDecision.Reason.LOOPBACK);
    }

    @Test
    void refusesIpv4CompatibleAndNat64FormsOfPrivateAddresses() {
        assertThat(refusal("http://[::127.0.0.1]/")).isEqualTo(UrlDecision.Reason.LOOPBACK);
        assertThat(refusal("http://[64:ff9b::10.0.0.1]/")).isEqualTo(UrlDecision.Reason.PRIVATE);
        assertThat(refusal("http://[2002:a9fe:a9fe::]/")).isEqualTo(UrlDecision.Reason.METADATA);
    }

    @Test
    void refusesDecimalIpNotation() {
        assertThat(refusal("http://2130706433/")).isEqualTo(UrlDecision.Reason.NON_CANONICAL_ADDRESS);
    }

    @Test
    void refusesOctalIpNotation() {
        assertThat(refusal("http://0177.0.0.1/")).isEqualTo(UrlDecision.Reason.NON_CANONICAL_ADDRESS);
    }

    @Test
    void refusesHexAndShortIpNotations() {
        assertThat(refusal("http://0x7f.1/")).isEqualTo(UrlDecision.Reason.NON_CANONICAL_ADDRESS);
        assertThat(refusal("http://127.1/")).isEqualTo(UrlDecision.Reason.NON_CANONICAL_ADDRESS);
        assertThat(refusal("http://0x7f000001/")).isEqualTo(UrlDecision.Reason.NON_CANONICAL_ADDRESS);
    }

    @Test
    void refusesNonCanonicalNotationEvenWhenTheAllowListHasTheAddress() {
        UrlPolicy policy = UrlPolicy.allowing(List.of("127.0.0.1"));

        assertThat(refusal(policy, "http://2130706433/")).isEqualTo(UrlDecision.Reason.NON_CANONICAL_ADDRESS);
    }

    @Test
    void checksEveryResolvedAddressSoOnePrivateRecordRefusesTheHost() {
        assertThat(refusal("https://rebind.example.com/")).isEqualTo(UrlDecision.Reason.PRIVATE);
    }

    @Test
    void refusesANameThatResolvesToAPrivateAddress() {
        assertThat(refusal("https://internal.example.com/")).isEqualTo(UrlDecision.Reason.PRIVATE);
    }

    @Test
    void refusesANameThatResolvesToMappedMetadata() {
        assertThat(refusal("https://sneaky.example.com/")).isEqualTo(UrlDecision.Reason.METADATA);
    }

    @Test
    void reportsAnUnresolvableHostAsRetryable() {
        UrlDecision decision = check(UrlPolicy.defaults(), "https://nowhere.example.com/");

        assertThat(decision).isInstanceOfSatisfying(UrlDecision.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(UrlDecision.Reason.UNRESOLVED);
            assertThat(refused.retryable()).isTrue();
        });
    }

    @Test
    void allowListOpensAnAddress() {
        assertThat(check(UrlPolicy.allowing(List.of("127.0.0.1")), "http://127.0.0.1:8080/").allowed()).isTrue();
    }

    @Test
    void allowListOpensACidrBlock() {
        UrlPolicy policy = UrlPolicy.allowing(List.of("10.0.0.0/8"));

        assertThat(check(policy, "https://internal.example.com/").allowed()).isTrue();
        assertThat(refusal(policy, "http://192.168.0.1/")).isEqualTo(UrlDecision.Reason.PRIVATE);
    }

    @Test
    void allowListOpensAHostByName() {
        UrlPolicy policy = UrlPolicy.allowing(List.of("Internal.Example.com"));

        assertThat(check(policy, "https://internal.example.com/").allowed()).isTrue();
        assertThat(refusal(policy, "http://10.1.2.3/")).isEqualTo(UrlDecision.Reason.PRIVATE);
    }

    @Test
    void allowListEntryForOneLoopbackAddressDoesNotOpenTheOthers() {
        assertThat(refusal(UrlPolicy.allowing(List.of("127.0.0.1")), "http://127.0.0.2/"))
                .isEqualTo(UrlDecision.Reason.LOOPBACK);
    }

    @Test
    void refusesAMalformedAllowListEntryNamingIt() {
        assertThatThrownBy(() -> UrlPolicy.allowing(List.of("10.0.0.0/8", "10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowList[1]:");
        assertThatThrownBy(() -> UrlPolicy.allowing(List.of("0177.0.0.1")))
                .hasMessageStartingWith("allowList[0]:");
    }

    private static Optional<UrlDecision.Reason> literalRefusal(UrlPolicy policy, String url) {
        return policy.checkLiteral(URI.create(url)).map(UrlDecision.Refused::reason);
    }

    @Test
    void checkLiteralRefusesNonCanonicalNumericHostsWithoutALookup() {
        for (String url : List.of("http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/")) {
            assertThat(literalRefusal(UrlPolicy.defaults(), url)).as(url).contains(UrlDecision.Reason.NON_CANONICAL_ADDRESS);
        }
    }

    @Test
    void checkLiteralRefusesLiteralAddressesOutsideTheAllowList() {
        assertThat(literalRefusal(UrlPolicy.defaults(), "http://127.0.0.1:8080/")).contains(UrlDecision.Reason.LOOPBACK);
        assertThat(literalRefusal(UrlPolicy.defaults(), "http://[::1]/")).contains(UrlDecision.Reason.LOOPBACK);
        assertThat(literalRefusal(UrlPolicy.defaults(), "https://10.1.2.3/")).contains(UrlDecision.Reason.PRIVATE);
        assertThat(literalRefusal(UrlPolicy.allowing(List.of("127.0.0.1")), "http://127.0.0.1:8080/")).isEmpty();
    }

    @Test
    void checkLiteralRefusesMetadataEvenWhenAllowed() {
        UrlPolicy policy = UrlPolicy.allowing(List.of("169.254.0.0/16", "metadata.google.internal"));

        assertThat(literalRefusal(policy, "http://169.254.169.254/")).contains(UrlDecision.Reason.METADATA);
        assertThat(literalRefusal(policy, "http://metadata.google.internal/")).contains(UrlDecision.Reason.METADATA);
    }

    @Test
    void checkLiteralRefusesOtherSchemesAndUserInfo() {
        assertThat(literalRefusal(UrlPolicy.defaults(), "ftp://hooks.example.com/")).contains(UrlDecision.Reason.SCHEME_NOT_ALLOWED);
        assertThat(literalRefusal(UrlPolicy.defaults(), "https://u:p@hooks.example.com/"))
                .contains(UrlDecision.Reason.USERINFO_NOT_ALLOWED);
    }

    @Test
    void checkLiteralLeavesHostNamesToTheLookupAtSend() {
        assertThat(literalRefusal(UrlPolicy.defaults(), "https://internal.example.com/")).isEmpty();
        assertThat(literalRefusal(UrlPolicy.defaults(), "https://localhost/")).isEmpty();
    }

    @Test
    void everyUrlCheckLiteralRefusesIsRefusedAtSendForTheSameReason() {
        UrlPolicy policy = UrlPolicy.allowing(List.of("10.0.0.0/8"));
        for (String url : List.of("http://2130706433/", "http://0x7f000001/", "http://127.0.0.1/", "http://169.254.169.254/",
                "http://192.168.1.1/", "gopher://hooks.example.com/", "http://[fe80::1]/")) {
            assertThat(literalRefusal(policy, url)).as(url).contains(refusal(policy, url));
        }
    }
}
