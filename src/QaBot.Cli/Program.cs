// TEMPORARY (eval branch): a minimal host so `qabot eval` can run before the lead's Program.cs lands.
// The lead owns Program.cs; on merge keep theirs and add: root.Subcommands.Add(EvalCommand.Create(services));
using System.CommandLine;
using Microsoft.Extensions.Hosting;
using QaBot.Cli.Commands;
using QaBot.Core;
using QaBot.Core.Configuration;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = QaBotPaths.FindRoot() });
builder.Services.AddQaBotCore(builder.Configuration);
using var host = builder.Build();

var root = new RootCommand("QaBot: answers questions about a corpus of news articles, with cited snippets.");
root.Subcommands.Add(EvalCommand.Create(host.Services));
return await root.Parse(args).InvokeAsync();
