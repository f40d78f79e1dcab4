using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdSite.Migrations
{
    /// <inheritdoc />
    public partial class PartialReversalIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerTransactions_ReversesTransactionId",
                table: "LedgerTransactions");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransactions_ReversesTransactionId",
                table: "LedgerTransactions",
                column: "ReversesTransactionId",
                filter: "\"ReversesTransactionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries",
                column: "ReversesEntryId",
                filter: "\"ReversesEntryId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerTransactions_ReversesTransactionId",
                table: "LedgerTransactions");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransactions_ReversesTransactionId",
                table: "LedgerTransactions",
                column: "ReversesTransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries",
                column: "ReversesEntryId");
        }
    }
}
