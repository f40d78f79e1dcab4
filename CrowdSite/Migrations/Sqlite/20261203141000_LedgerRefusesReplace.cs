using CrowdSite.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdSite.Migrations
{
    /// <summary>No model change: triggers only (see <see cref="AppendOnlyLedgerTriggers.CreateReplaceGuards"/>).</summary>
    [DbContext(typeof(SqliteDbContext))]
    [Migration("20261203141000_LedgerRefusesReplace")]
    public partial class LedgerRefusesReplace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => AppendOnlyLedgerTriggers.CreateReplaceGuards(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => AppendOnlyLedgerTriggers.DropReplaceGuards(migrationBuilder);
    }
}
