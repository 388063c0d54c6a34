using System.Diagnostics;
using System.Text;

using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// The TypeScript program of <c>clients/</c>, written against a client generated from the committed
/// documents (openapi-typescript + openapi-fetch), run with node against the real processes: what a
/// client team's code does, end to end. It needs the program compiled (<c>cd clients &amp;&amp; npm ci
/// &amp;&amp; npm run build</c>), which tests/run.sh does before the suites.
/// </summary>
[Collection(SystemCollection.Name)]
public class TypeScriptClientTests(SystemFixture system)
{
    private static readonly string Program = Path.Combine(TestPaths.RepositoryRoot, "clients", "typescript", "dist", "src", "program.js");

    [Fact]
    public async Task The_typescript_program_gets_a_token_reads_plans_registers_an_enterprise_grants_it_patches_a_task_and_reads_a_stale_patch_problem()
    {
        var (exitCode, output, error) = await RunAsync(system.AdminClientId, system.AdminClientSecret);

        exitCode.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainMatch("token: Bearer, * s, scopes *plans.write*");
        lines.Should().ContainMatch("plans: *, first * *");
        lines.Should().ContainMatch("progress: * *");
        lines.Should().ContainSingle(line => line.StartsWith("registered: ", StringComparison.Ordinal))
            .Which.Should().MatchRegex("^registered: 91120118[0-9A-Z]{10} 天津某某新材料科技有限公司$");
        lines.Should().ContainMatch("granted: HighTech until 20??-??-??");
        lines.Should().ContainSingle(line => line.StartsWith("patched: ", StringComparison.Ordinal))
            .Which.Should().MatchRegex("^patched: .+ inProgress, ETag \"[0-9]+\"$");
        lines.Should().ContainMatch("stale patch: 412 preconditionFailed (request *)");
    }

    [Fact]
    public async Task The_typescript_program_stops_with_exit_code_1_and_the_OAuth_error_when_its_secret_is_wrong()
    {
        var (exitCode, output, error) = await RunAsync(system.AdminClientId, "not-the-secret");

        exitCode.Should().Be(1, output);
        error.Should().StartWith("token: invalid_client");
        output.Should().BeEmpty("nothing is read without a token");
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string clientId, string clientSecret)
    {
        File.Exists(Program).Should().BeTrue("the client program is compiled first: cd clients && npm ci && npm run build (tests/run.sh does)");
        var start = new ProcessStartInfo("node", [Program, $"http://localhost:{system.GatewayPort}", clientId, clientSecret])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"the program did not finish within 60 s:\n{await output}\n{await error}");
        }

        return (node.ExitCode, await output, await error);
    }
}
