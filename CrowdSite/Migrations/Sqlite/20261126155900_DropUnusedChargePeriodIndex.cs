using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrowdSite.Migrations
{
    /// <inheritdoc />
    public partial class DropUnusedChargePeriodIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Charges_ProjectId_PeriodStart",
                table: "Charges");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Charges_ProjectId_PeriodStart",
                table: "Charges",
                columns: new[] { "ProjectId", "PeriodStart" });
        }
    }
}
