namespace Enterprises.FunctionalTests;

/// <summary>The Enterprises service over a fresh database of its own (see <see cref="ServiceApiFactory{TProgram}"/>).</summary>
public class EnterprisesApiFactory() : ServiceApiFactory<Program>("enterprises");
