namespace TestSupport;

/// <summary>The header of an ASP.NET Core Data Protection payload: a magic number, then the id of the key that made it.</summary>
public static class DataProtectionPayload
{
    private static readonly byte[] MagicHeader = [0x09, 0xF0, 0xC9, 0xF0];

    public static Guid KeyId(byte[] payload)
    {
        payload.AsSpan(0, 4).ToArray().Should().Equal(MagicHeader, "a Data Protection payload starts with its magic header");
        return new Guid(payload.AsSpan(4, 16));
    }
}
