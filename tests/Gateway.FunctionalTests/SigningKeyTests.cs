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
    public async Task A_shared_key_rotates_with_overlap_through_the_published_keys()
    {
        using var previous = System.Security.Cryptography.RSA.Create(2048);
        using var next = System.Security.Cryptography.RSA.Create(2048);
        var (previousPem, nextPem) = (previous.ExportPkcs8PrivateKeyPem(), next.ExportPkcs8PrivateKeyPem());

        // 1. Every replica publishes the next key while still signing with the previous one.
        await using var announcing = new GatewayFactory { SigningKeyPem = previousPem, Settings = { ["TokenIssuer:PublishedKeyPems:0"] = next.ExportSubjectPublicKeyInfoPem() } };
        var announced = await JwksAsync(announcing);
        announced.Should().HaveCount(2);
        var token = await TokenAsync(announcing);

        // 2. They sign with the next key and keep the previous one published: its tokens are still
        //    recognised (counted as their client, whose allowance is one request).
        await using var switched = new GatewayFactory
        {
            SigningKeyPem = nextPem, PerClient = 1, PerAnonymousAddress = 100, Window = "00:01:00",
            Settings = { ["TokenIssuer:PublishedKeyPems:0"] = previousPem },
        };
        (await JwksAsync(switched)).Should().Equal(announced[1], announced[0]);
        (await StatusesAsync(switched, token)).Should().Equal(System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.TooManyRequests);

        // 3. Once the previous key's tokens have expired it is dropped: one of its tokens is no client's any more.
        await using var settled = new GatewayFactory { SigningKeyPem = nextPem, PerClient = 1, PerAnonymousAddress = 100, Window = "00:01:00" };
        (await JwksAsync(settled)).Should().Equal(announced[1]);
        (await StatusesAsync(settled, token)).Should().Equal(System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public void A_client_whose_secret_hash_is_not_a_sha256_digest_stops_the_gateway_at_start()
    {
        using var factory = new GatewayFactory { Settings = { ["TokenIssuer:Clients:0:SecretHash"] = "sha256:not-hex" } };

        var start = () => factory.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*SecretHash*");
    }

    private static async Task<List<string>> JwksAsync(GatewayFactory factory)
    {
        var jwks = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/.well-known/jwks.json"))!;
        return jwks["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToList();
    }

    private static async Task<string> TokenAsync(GatewayFactory factory)
    {
        var response = await factory.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(
            [KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("client_id", "reader"),
             KeyValuePair.Create("client_secret", GatewayFactory.ReaderSecret)]));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    private static async Task<List<System.Net.HttpStatusCode>> StatusesAsync(GatewayFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return [(await client.GetAsync("/.well-known/openid-configuration")).StatusCode, (await client.GetAsync("/.well-known/openid-configuration")).StatusCode];
    }

    private static async Task<List<string>> KeyIdsAsync(GatewayFactory factory)
    {
        await using (factory)
        {
            return await JwksAsync(factory);
        }
    }
}
