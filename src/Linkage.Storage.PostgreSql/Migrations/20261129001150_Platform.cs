using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Linkage.Storage.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Platform : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnswerOutbox",
                columns: table => new
                {
                    PermitId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InquiryId = table.Column<string>(type: "text", nullable: false),
                    Permit = table.Column<byte[]>(type: "bytea", nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    SenderPublicKey = table.Column<byte[]>(type: "bytea", nullable: true),
                    Nonce = table.Column<byte[]>(type: "bytea", nullable: true),
                    Ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnswerOutbox", x => x.PermitId);
                });

            migrationBuilder.CreateTable(
                name: "CertificateBindings",
                columns: table => new
                {
                    Thumbprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Issuer = table.Column<string>(type: "text", nullable: false),
                    SerialNumber = table.Column<string>(type: "text", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    NotAfter = table.Column<long>(type: "bigint", nullable: false),
                    OwnerKind = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    BoundAt = table.Column<long>(type: "bigint", nullable: false),
                    UnboundAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateBindings", x => x.Thumbprint);
                });

            migrationBuilder.CreateTable(
                name: "ChainAnchors",
                columns: table => new
                {
                    ChainId = table.Column<string>(type: "text", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    PurgedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    PurgedEntries = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChainAnchors", x => x.ChainId);
                });

            migrationBuilder.CreateTable(
                name: "Checkpoints",
                columns: table => new
                {
                    ChainId = table.Column<string>(type: "text", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    HeadHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    SealedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    PreviousSequence = table.Column<long>(type: "bigint", nullable: false),
                    PreviousHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    WitnessedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    WitnessKeyId = table.Column<string>(type: "text", nullable: true),
                    WitnessSignature = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checkpoints", x => new { x.ChainId, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "ConnectedSystems",
                columns: table => new
                {
                    SystemId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InstitutionCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    DeactivatedAt = table.Column<long>(type: "bigint", nullable: true),
                    DeactivationReason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectedSystems", x => x.SystemId);
                });

            migrationBuilder.CreateTable(
                name: "Copies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstitutionCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    InformationNameCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    IsDeleted = table.Column<bool>(type: "boolean", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    RegisteredAt = table.Column<long>(type: "bigint", nullable: false),
                    BatchNumber = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Copies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CopyBatches",
                columns: table => new
                {
                    Number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstitutionCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BatchId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IsComplete = table.Column<bool>(type: "boolean", nullable: false),
                    FirstCopyId = table.Column<long>(type: "bigint", nullable: true),
                    LastCopyId = table.Column<long>(type: "bigint", nullable: true),
                    Received = table.Column<int>(type: "integer", nullable: false),
                    Stored = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CopyBatches", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "DataKeys",
                columns: table => new
                {
                    InstitutionCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataKeys", x => new { x.InstitutionCode, x.KeyId });
                });

            migrationBuilder.CreateTable(
                name: "HeldDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PermitId = table.Column<string>(type: "text", nullable: false),
                    StaffId = table.Column<string>(type: "text", nullable: false),
                    Decision = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HeldResponses",
                columns: table => new
                {
                    PermitId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InquiryId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InquirerInstitution = table.Column<string>(type: "text", nullable: false),
                    InstitutionCode = table.Column<string>(type: "text", nullable: false),
                    Permit = table.Column<byte[]>(type: "bytea", nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "text", nullable: false),
                    InformationName = table.Column<string>(type: "text", nullable: false),
                    HoldReason = table.Column<string>(type: "text", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    Deadline = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    TwoPerson = table.Column<bool>(type: "boolean", nullable: false),
                    FirstApprovedBy = table.Column<string>(type: "text", nullable: true),
                    Escalated = table.Column<bool>(type: "boolean", nullable: false),
                    DecidedOutcome = table.Column<int>(type: "integer", nullable: true),
                    DecisionReason = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true),
                    AnswerSenderPublicKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    AnswerKeyId = table.Column<string>(type: "text", nullable: true),
                    EncryptedAnswerKey = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldResponses", x => x.PermitId);
                });

            migrationBuilder.CreateTable(
                name: "HoldFlags",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FlagId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    InformationNameCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    ReasonText = table.Column<string>(type: "text", nullable: false),
                    EffectiveFrom = table.Column<long>(type: "bigint", nullable: false),
                    EffectiveTo = table.Column<long>(type: "bigint", nullable: true),
                    SetBy = table.Column<string>(type: "text", nullable: false),
                    SetAt = table.Column<long>(type: "bigint", nullable: false),
                    ClearedAt = table.Column<long>(type: "bigint", nullable: true),
                    ClearedBy = table.Column<string>(type: "text", nullable: false),
                    ClearReason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HoldFlags", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "NonDisclosureMarks",
                columns: table => new
                {
                    Node = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    MarkedBy = table.Column<string>(type: "text", nullable: false),
                    MarkedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NonDisclosureMarks", x => new { x.Node, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "OperationLog",
                columns: table => new
                {
                    Node = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    AtMs = table.Column<long>(type: "bigint", nullable: false),
                    ActorKind = table.Column<int>(type: "integer", nullable: false),
                    ActorId = table.Column<string>(type: "text", nullable: false),
                    SessionId = table.Column<string>(type: "text", nullable: false),
                    Rpc = table.Column<string>(type: "text", nullable: false),
                    Target = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    PreviousHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperationLog", x => new { x.Node, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "PendingInquiries",
                columns: table => new
                {
                    InquiryId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstitutionCode = table.Column<string>(type: "text", nullable: false),
                    PermitId = table.Column<string>(type: "text", nullable: false),
                    ProviderInstitution = table.Column<string>(type: "text", nullable: false),
                    Affair = table.Column<string>(type: "text", nullable: false),
                    Procedure = table.Column<string>(type: "text", nullable: false),
                    InformationName = table.Column<string>(type: "text", nullable: false),
                    LegalBasis = table.Column<string>(type: "text", nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "text", nullable: false),
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    EncryptedAnswerKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    AnswerEphemeralKey = table.Column<byte[]>(type: "bytea", nullable: true),
                    AnswerNonce = table.Column<byte[]>(type: "bytea", nullable: true),
                    AnswerCiphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    AnsweredAt = table.Column<long>(type: "bigint", nullable: true),
                    PickedUpAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingInquiries", x => x.InquiryId);
                });

            migrationBuilder.CreateTable(
                name: "PermittedLists",
                columns: table => new
                {
                    InstitutionCode = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    SignedList = table.Column<byte[]>(type: "bytea", nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", nullable: false),
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PermittedLists", x => x.InstitutionCode);
                });

            migrationBuilder.CreateTable(
                name: "ProvisionRecords",
                columns: table => new
                {
                    Node = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    InstitutionCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    InquiryId = table.Column<string>(type: "text", nullable: false),
                    PermitId = table.Column<string>(type: "text", nullable: false),
                    InquirerInstitution = table.Column<string>(type: "text", nullable: false),
                    ProviderInstitution = table.Column<string>(type: "text", nullable: false),
                    Affair = table.Column<string>(type: "text", nullable: false),
                    Procedure = table.Column<string>(type: "text", nullable: false),
                    InformationName = table.Column<string>(type: "text", nullable: false),
                    LegalBasis = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "text", nullable: true),
                    PermitExpiresAtMs = table.Column<long>(type: "bigint", nullable: true),
                    PreviousHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisionRecords", x => new { x.Node, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "StaffMembers",
                columns: table => new
                {
                    StaffId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InstitutionCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Roles = table.Column<string>(type: "text", nullable: false),
                    InformationNames = table.Column<string>(type: "text", nullable: false),
                    ValidFrom = table.Column<long>(type: "bigint", nullable: false),
                    ValidTo = table.Column<long>(type: "bigint", nullable: true),
                    DeactivatedAt = table.Column<long>(type: "bigint", nullable: true),
                    DeactivationReason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffMembers", x => x.StaffId);
                });

            migrationBuilder.CreateTable(
                name: "StaffSessions",
                columns: table => new
                {
                    SessionId = table.Column<string>(type: "text", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    StaffId = table.Column<string>(type: "text", nullable: false),
                    CertificateThumbprint = table.Column<string>(type: "text", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false),
                    EndedAt = table.Column<long>(type: "bigint", nullable: true),
                    EndReason = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSessions", x => x.SessionId);
                });

            migrationBuilder.CreateTable(
                name: "SymbolMappings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstitutionCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Symbol = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AcquiredAt = table.Column<long>(type: "bigint", nullable: false),
                    RetiredAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SymbolMappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tickets",
                columns: table => new
                {
                    TicketId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    ByAgent = table.Column<bool>(type: "boolean", nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RegisteredBy = table.Column<string>(type: "text", nullable: false),
                    RegisteredAt = table.Column<long>(type: "bigint", nullable: false),
                    StepCount = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<long>(type: "bigint", nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    SealedText = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tickets", x => x.TicketId);
                });

            migrationBuilder.CreateTable(
                name: "UsedPermits",
                columns: table => new
                {
                    PermitId = table.Column<string>(type: "text", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsedPermits", x => x.PermitId);
                });

            migrationBuilder.CreateTable(
                name: "TicketSteps",
                columns: table => new
                {
                    TicketId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    StaffId = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    KeyId = table.Column<string>(type: "text", nullable: false),
                    SealedText = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketSteps", x => new { x.TicketId, x.Number });
                    table.ForeignKey(
                        name: "FK_TicketSteps_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "TicketId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerOutbox_State_CreatedAt",
                table: "AnswerOutbox",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateBindings_OwnerKind_OwnerId",
                table: "CertificateBindings",
                columns: new[] { "OwnerKind", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints",
                columns: new[] { "ChainId", "Sequence" },
                filter: "\"WitnessSignature\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Copies_InstitutionCode_InternalAddressNumber_InformationNam~",
                table: "Copies",
                columns: new[] { "InstitutionCode", "InternalAddressNumber", "InformationNameCode", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_Copies_InstitutionCode_InternalAddressNumber_InformationNa~1",
                table: "Copies",
                columns: new[] { "InstitutionCode", "InternalAddressNumber", "InformationNameCode", "RecordKey", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CopyBatches_InstitutionCode_BatchId",
                table: "CopyBatches",
                columns: new[] { "InstitutionCode", "BatchId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataKeys_InstitutionCode_Generation",
                table: "DataKeys",
                columns: new[] { "InstitutionCode", "Generation" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HeldDecisions_PermitId_Id",
                table: "HeldDecisions",
                columns: new[] { "PermitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HeldResponses_Escalated_Deadline",
                table: "HeldResponses",
                columns: new[] { "Escalated", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_HeldResponses_Escalated_ReceivedAt_PermitId",
                table: "HeldResponses",
                columns: new[] { "Escalated", "ReceivedAt", "PermitId" },
                descending: new[] { true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_HoldFlags_ClearedAt_Sequence",
                table: "HoldFlags",
                columns: new[] { "ClearedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_HoldFlags_FlagId",
                table: "HoldFlags",
                column: "FlagId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HoldFlags_InformationNameCode_Sequence",
                table: "HoldFlags",
                columns: new[] { "InformationNameCode", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_HoldFlags_InternalAddressNumber_Sequence",
                table: "HoldFlags",
                columns: new[] { "InternalAddressNumber", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_OperationLog_ActorId_Node_Sequence",
                table: "OperationLog",
                columns: new[] { "ActorId", "Node", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_OperationLog_AtMs",
                table: "OperationLog",
                column: "AtMs");

            migrationBuilder.CreateIndex(
                name: "IX_PendingInquiries_InstitutionCode_AnsweredAt_PickedUpAt",
                table: "PendingInquiries",
                columns: new[] { "InstitutionCode", "AnsweredAt", "PickedUpAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_InstitutionCode_InternalAddressNumber",
                table: "ProvisionRecords",
                columns: new[] { "InstitutionCode", "InternalAddressNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_InstitutionCode_RecordedAtMs",
                table: "ProvisionRecords",
                columns: new[] { "InstitutionCode", "RecordedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_EndedAt",
                table: "StaffSessions",
                column: "EndedAt");

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_TokenHash",
                table: "StaffSessions",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SymbolMappings_InstitutionCode_InternalAddressNumber",
                table: "SymbolMappings",
                columns: new[] { "InstitutionCode", "InternalAddressNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SymbolMappings_InstitutionCode_Symbol",
                table: "SymbolMappings",
                columns: new[] { "InstitutionCode", "Symbol" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ClosedAt_ReceivedAt_TicketId",
                table: "Tickets",
                columns: new[] { "ClosedAt", "ReceivedAt", "TicketId" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_InternalAddressNumber_ReceivedAt",
                table: "Tickets",
                columns: new[] { "InternalAddressNumber", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsedPermits_ExpiresAtMs",
                table: "UsedPermits",
                column: "ExpiresAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnswerOutbox");

            migrationBuilder.DropTable(
                name: "CertificateBindings");

            migrationBuilder.DropTable(
                name: "ChainAnchors");

            migrationBuilder.DropTable(
                name: "Checkpoints");

            migrationBuilder.DropTable(
                name: "ConnectedSystems");

            migrationBuilder.DropTable(
                name: "Copies");

            migrationBuilder.DropTable(
                name: "CopyBatches");

            migrationBuilder.DropTable(
                name: "DataKeys");

            migrationBuilder.DropTable(
                name: "HeldDecisions");

            migrationBuilder.DropTable(
                name: "HeldResponses");

            migrationBuilder.DropTable(
                name: "HoldFlags");

            migrationBuilder.DropTable(
                name: "NonDisclosureMarks");

            migrationBuilder.DropTable(
                name: "OperationLog");

            migrationBuilder.DropTable(
                name: "PendingInquiries");

            migrationBuilder.DropTable(
                name: "PermittedLists");

            migrationBuilder.DropTable(
                name: "ProvisionRecords");

            migrationBuilder.DropTable(
                name: "StaffMembers");

            migrationBuilder.DropTable(
                name: "StaffSessions");

            migrationBuilder.DropTable(
                name: "SymbolMappings");

            migrationBuilder.DropTable(
                name: "TicketSteps");

            migrationBuilder.DropTable(
                name: "UsedPermits");

            migrationBuilder.DropTable(
                name: "Tickets");
        }
    }
}
