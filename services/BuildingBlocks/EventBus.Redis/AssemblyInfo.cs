[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("EventBus.Tests")]
