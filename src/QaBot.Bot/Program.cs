using QaBot.Bot;
using QaBot.Core;
using QaBot.Core.Configuration;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = QaBotPaths.FindRoot(),
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:3978");

builder.Services.AddQaBotCore(builder.Configuration);
builder.Services.AddBotChannel(builder.Configuration);

var app = builder.Build();
app.MapBotEndpoints();
app.Run();

/// <summary>The bot host (public for WebApplicationFactory in tests).</summary>
public partial class Program;
