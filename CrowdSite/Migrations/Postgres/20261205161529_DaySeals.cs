using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdSite.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DaySeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DaySeals",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Seal = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DayHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Previous = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Transactions = table.Column<int>(type: "integer", nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false),
                    AccountSums = table.Column<string>(type: "text", nullable: false),
                    SealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DaySeals", x => x.Day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransactions_At",
                table: "LedgerTransactions",
                column: "At");

            // A seal is written once and never changed (see AppendOnlyLedgerTriggers).
            CrowdSite.Data.AppendOnlyLedgerTriggers.CreateFor(migrationBuilder, "DaySeals");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            CrowdSite.Data.AppendOnlyLedgerTriggers.DropFor(migrationBuilder, "DaySeals");
            migrationBuilder.DropTable(
                name: "DaySeals");

            migrationBuilder.DropIndex(
                name: "IX_LedgerTransactions_At",
                table: "LedgerTransactions");
        }
    }
}
