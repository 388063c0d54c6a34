using System.Text.Json.Nodes;

namespace Gateway.FunctionalTests;

public class SigningKeyTests
{
    [Fact]
    public async Task The_signing_key_survives_a_restart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-keys", Guid.NewGuid().ToString("N"));

        var first = await KeyIdsAsync(new GatewayFactory { KeyDirectory = directory });
        var second = await KeyIdsAsync(new GatewayFactory { KeyDirectory = directory });

        first.Should().ContainSingle();
        second.Should().Equal(first);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Rotation_signs_with_a_new_key_and_keeps_the_previous_one_published()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-keys", Guid.NewGuid().ToString("N"));
        var original = await KeyIdsAsync(new GatewayFactory { KeyDirectory = directory });
        await Task.Delay(1100);

        var rotated = await KeyIdsAsync(new GatewayFactory { KeyDirectory = directory, KeyRotation = "00:00:00.001" });

        rotated.Should().HaveCount(2);
        rotated[1].Should().Be(original.Single(), "the previous key stays in the JWKS after rotation");
        rotated[0].Should().NotBe(original.Single(), "new tokens are signed with the new key, listed first");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_key_given_by_configuration_is_shared_by_replicas_and_no_key_file_is_written()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var directory = Path.Combine(Path.GetTempPath(), "gateway-keys", Guid.NewGuid().ToString("N"));

        var first = await KeyIdsAsync(new GatewayFactory { SigningKeyPem = pem, KeyDirectory = directory });
        var second = await KeyIdsAsync(new GatewayFactory { SigningKeyPem = pem });

        first.Should().ContainSingle().And.Equal(second);
        Directory.Exists(directory).Should().BeFalse();
    }

    [Fact]
    public void A_client_whose_secret_hash_is_not_a_sha256_digest_stops_the_gateway_at_start()
    {
        using var factory = new GatewayFactory { Settings = { ["TokenIssuer:Clients:0:SecretHash"] = "sha256:not-hex" } };

        var start = () => factory.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*SecretHash*");
    }

    private static async Task<List<string>> KeyIdsAsync(GatewayFactory factory)
    {
        await using (factory)
        {
            var jwks = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/.well-known/jwks.json"))!;
            return jwks["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToList();
        }
    }
}
